"use client";

import { api } from "@answerbase/backend/api";
import { useMutation, useQuery } from "convex/react";
import { CopyIcon, LinkIcon, Loader2Icon, UserMinusIcon } from "lucide-react";
import { useState } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@answerbase/ui/alert-dialog";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@answerbase/ui/select";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";
import { errorInfo } from "@/lib/errors";
import { useOrganization, type Role } from "@/lib/organization";

const ROLE_HELP: Record<Role, string> = {
  owner: "Everything, including granting ownership",
  admin: "Connects databases, manages knowledge and members",
  member: "Sees the data source, tables and knowledge",
};

function MembersTable() {
  const { organizationId, isAdmin, role: myRole } = useOrganization();
  const members = useQuery(api.private.members.list, { organizationId });
  const changeRole = useMutation(api.private.members.changeRole);
  const remove = useMutation(api.private.members.remove);
  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      toast.success(what);
    } catch (error) {
      toast.error(errorInfo(error).message);
    }
  };
  if (members === undefined) return <Skeleton className="h-32 w-full" />;
  return (
    <Table data-testid="members">
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead className="w-48">Role</TableHead>
          <TableHead className="w-12" />
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => {
          // Only owners touch the owner role; the backend checks it again.
          const editable = isAdmin && !m.isYou && (myRole === "owner" || m.role !== "owner");
          return (
            <TableRow key={m.userId} data-testid="member-row">
              <TableCell>
                <div className="font-medium">
                  {m.name ?? m.email} {m.isYou && <Badge variant="secondary">you</Badge>}
                </div>
                <div className="text-xs text-muted-foreground">{m.email}</div>
              </TableCell>
              <TableCell>
                {editable ? (
                  <Select
                    value={m.role}
                    onValueChange={(role) =>
                      void act(`${m.email ?? "Member"} is now ${role}`, () =>
                        changeRole({ organizationId, userId: m.userId, role: role as Role }),
                      )
                    }
                  >
                    <SelectTrigger aria-label={`Role of ${m.email ?? "member"}`} className="h-8">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {(myRole === "owner"
                        ? (["owner", "admin", "member"] as const)
                        : (["admin", "member"] as const)
                      ).map((r) => (
                        <SelectItem key={r} value={r}>
                          <span className="capitalize">{r}</span>
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                ) : (
                  <span className="capitalize" title={ROLE_HELP[m.role]}>
                    {m.role}
                  </span>
                )}
              </TableCell>
              <TableCell>
                {editable && (
                  <AlertDialog>
                    <AlertDialogTrigger asChild>
                      <Button variant="ghost" size="icon" aria-label={`Remove ${m.email ?? "member"}`}>
                        <UserMinusIcon />
                      </Button>
                    </AlertDialogTrigger>
                    <AlertDialogContent>
                      <AlertDialogHeader>
                        <AlertDialogTitle>Remove {m.name ?? m.email}?</AlertDialogTitle>
                        <AlertDialogDescription>
                          They lose access to this organization at once.
                        </AlertDialogDescription>
                      </AlertDialogHeader>
                      <AlertDialogFooter>
                        <AlertDialogCancel>Cancel</AlertDialogCancel>
                        <AlertDialogAction
                          destructive
                          onClick={() =>
                            void act(`Removed ${m.email ?? "member"}`, () =>
                              remove({ organizationId, userId: m.userId }),
                            )
                          }
                        >
                          Remove
                        </AlertDialogAction>
                      </AlertDialogFooter>
                    </AlertDialogContent>
                  </AlertDialog>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function Invitations() {
  const { organizationId } = useOrganization();
  const pending = useQuery(api.private.invitations.listPending, { organizationId });
  const create = useMutation(api.private.invitations.create);
  const revoke = useMutation(api.private.invitations.revoke);
  const [role, setRole] = useState<"admin" | "member">("member");
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const invite = async () => {
    setBusy(true);
    try {
      const { token } = await create({ organizationId, role });
      setLink(`${window.location.origin}/invite/${token}`);
    } catch (error) {
      toast.error(`Could not create the invitation: ${errorInfo(error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (link === null) return;
    try {
      await navigator.clipboard.writeText(link);
      toast.success("Link copied");
    } catch {
      toast.error("Copying was blocked by the browser: select the link and copy it by hand.");
    }
  };
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1.5">
          <span className="text-sm font-medium">Invite as</span>
          <Select value={role} onValueChange={(value) => setRole(value as "admin" | "member")}>
            <SelectTrigger className="w-36" aria-label="Role of the invited person">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="member">Member</SelectItem>
              <SelectItem value="admin">Admin</SelectItem>
            </SelectContent>
          </Select>
        </div>
        <Button onClick={() => void invite()} disabled={busy} data-testid="create-invitation">
          {busy ? <Loader2Icon className="animate-spin" /> : <LinkIcon />} Create invite link
        </Button>
      </div>
      {link && (
        <div className="grid gap-1.5">
          <div className="flex gap-2">
            <Input
              readOnly
              value={link}
              className="font-mono text-xs"
              aria-label="Invitation link"
              data-testid="invitation-link"
              onFocus={(e) => e.target.select()}
            />
            <Button variant="outline" onClick={() => void copy()}>
              <CopyIcon /> Copy
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">
            Shown once. Anyone signed in with this link can join for 7 days.
          </p>
        </div>
      )}
      {pending && pending.length > 0 && (
        <ul className="grid gap-1 text-sm">
          {pending.map((i) => (
            <li key={i.invitationId} className="flex items-center gap-2 rounded-md border px-3 py-1.5">
              <span className="capitalize">{i.role}</span>
              <span className="text-muted-foreground">
                expires {new Date(i.expiresAt).toLocaleDateString()}
              </span>
              <Button
                variant="ghost"
                size="sm"
                className="ml-auto"
                onClick={() =>
                  void revoke({ organizationId, invitationId: i.invitationId }).then(
                    () => toast.success("Invitation revoked"),
                    (error: unknown) => toast.error(errorInfo(error).message),
                  )
                }
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export default function MembersPage() {
  const { isAdmin } = useOrganization();
  return (
    <>
      <PageHeader title="Members" description="Who works in this organization, and what they may do." />
      <Card>
        <CardContent>
          <ErrorBoundary title="The members could not be listed">
            <MembersTable />
          </ErrorBoundary>
        </CardContent>
      </Card>
      {isAdmin && (
        <Card>
          <CardHeader>
            <CardTitle>Invite someone</CardTitle>
            <CardDescription>
              Create a link and send it to them; they sign in (or sign up) and join.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ErrorBoundary title="Invitations are unavailable">
              <Invitations />
            </ErrorBoundary>
          </CardContent>
        </Card>
      )}
    </>
  );
}
