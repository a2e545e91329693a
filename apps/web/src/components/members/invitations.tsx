"use client";

import { api } from "@answerbase/backend/api";
import { useMutation, useQuery } from "convex/react";
import { CopyIcon, LinkIcon, Loader2Icon } from "lucide-react";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@answerbase/ui/select";
import { toast } from "@answerbase/ui/sonner";
import { errorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

type InvitedRole = "admin" | "member";

/** Invitation links: created for a role, shown once (only their hash is stored), revocable while pending. */
export function Invitations() {
  const { organizationId } = useOrganization();
  const pending = useQuery(api.private.invitations.listPending, { organizationId });
  const create = useMutation(api.private.invitations.create);
  const revoke = useMutation(api.private.invitations.revoke);
  const [role, setRole] = useState<InvitedRole>("member");
  const [link, setLink] = useState<{ url: string; role: InvitedRole } | null>(null);
  const [busy, setBusy] = useState(false);

  const invite = async () => {
    setBusy(true);
    try {
      const { token } = await create({ organizationId, role });
      setLink({ url: `${window.location.origin}/invite/${token}`, role });
    } catch (error) {
      toast.error(`Could not create the invitation: ${errorInfo(error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      toast.success("Link copied");
    } catch {
      toast.error("Copying was blocked by the browser: select the link and copy it by hand.");
    }
  };
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1.5">
          <label htmlFor="invite-role" className="text-sm font-medium">
            Invite as
          </label>
          <Select value={role} onValueChange={(value) => setRole(value as InvitedRole)}>
            <SelectTrigger id="invite-role" className="w-36" data-testid="invitation-role">
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
          <label htmlFor="invitation-link" className="text-sm font-medium">
            Link for a new <span className="capitalize">{link.role}</span>
          </label>
          <div className="flex gap-2">
            <Input
              id="invitation-link"
              readOnly
              value={link.url}
              className="font-mono text-xs"
              data-testid="invitation-link"
              onFocus={(e) => e.target.select()}
            />
            <Button variant="outline" onClick={() => void copy(link.url)} data-testid="copy-invitation">
              <CopyIcon /> Copy
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">
            Shown once. Anyone signed in with this link can join for 7 days; it works one time.
          </p>
        </div>
      )}
      {pending && pending.length > 0 && (
        <div className="grid gap-1.5">
          <p className="text-sm font-medium">Waiting to be used</p>
          <ul className="grid gap-1 text-sm" data-testid="pending-invitations">
            {pending.map((i) => {
              const expires = new Date(i.expiresAt).toLocaleDateString();
              return (
                <li
                  key={i.invitationId}
                  className="flex items-center gap-2 rounded-md border px-3 py-1.5"
                  data-testid="pending-invitation"
                >
                  <span className="capitalize">{i.role}</span>
                  <span className="text-muted-foreground">expires {expires}</span>
                  <Button
                    variant="ghost"
                    size="sm"
                    className="ml-auto"
                    aria-label={`Revoke the ${i.role} invitation expiring ${expires}`}
                    onClick={() =>
                      void revoke({ organizationId, invitationId: i.invitationId }).then(
                        () => toast.success("Invitation revoked: its link no longer works"),
                        (error: unknown) => toast.error(errorInfo(error).message),
                      )
                    }
                  >
                    Revoke
                  </Button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
