"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { ROLES } from "@answerbase/backend/shared/organizations";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { LogOutIcon, UserMinusIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@answerbase/ui/select";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { ConfirmButton } from "@/components/confirm-button";
import { errorInfo } from "@/lib/errors";
import { useOrganization, type Role } from "@/lib/organization";
import { ROLE_HELP } from "./roles";

type Member = FunctionReturnType<typeof api.private.members.list>[number];

/** The small row buttons' props: the label doubles as tooltip, the confirm button's test id follows. */
function confirmTrigger(label: string, testId: string) {
  return {
    variant: "ghost",
    size: "sm",
    "aria-label": label,
    title: label,
    "data-testid": testId,
    confirmTestId: `${testId}-confirm`,
  } as const;
}

function RoleSelect({
  member,
  choices,
  disabled,
  onChange,
}: {
  member: Member;
  choices: readonly Role[];
  disabled: boolean;
  onChange: (role: Role) => void;
}) {
  const who = member.isYou ? "your role" : `role of ${member.email ?? "this member"}`;
  return (
    <Select value={member.role} disabled={disabled} onValueChange={(role) => onChange(role as Role)}>
      <SelectTrigger aria-label={`Change ${who}`} className="h-8 w-32" data-testid="member-role">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {choices.map((role) => (
          <SelectItem key={role} value={role} data-testid={`role-option-${role}`}>
            <span className="capitalize">{role}</span>
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/**
 * Everyone in the organization. Admins change roles and remove people (only an owner touches the
 * owner role); an owner may step down, and anyone may leave. The backend checks each of these again,
 * and refuses to leave the organization without an owner: its message is shown as it is.
 */
export function MembersTable() {
  const { organizationId, name, isAdmin, role: myRole } = useOrganization();
  const members = useQuery(api.private.members.list, { organizationId });
  const changeRole = useMutation(api.private.members.changeRole);
  const remove = useMutation(api.private.members.remove);
  const leave = useMutation(api.private.members.leave);
  const [busy, setBusy] = useState<Id<"users"> | null>(null);
  const act = async (userId: Id<"users">, done: string, call: () => Promise<unknown>) => {
    setBusy(userId);
    try {
      await call();
      toast.success(done);
    } catch (error) {
      toast.error(errorInfo(error).message);
    } finally {
      setBusy(null);
    }
  };
  if (members === undefined) return <Skeleton className="h-32 w-full" />;
  // Only an owner hands out the owner role.
  const choices = myRole === "owner" ? ROLES : ROLES.filter((role) => role !== "owner");

  return (
    <Table data-testid="members">
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead className="w-40">Role</TableHead>
          <TableHead className="w-28">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => {
          const label = m.name ?? m.email ?? "this member";
          const managesOther = isAdmin && !m.isYou && (myRole === "owner" || m.role !== "owner");
          // An owner may step down (the backend keeps at least one owner); others ask an admin.
          const editable = managesOther || (m.isYou && myRole === "owner");
          return (
            <TableRow key={m.userId} data-testid="member-row" data-email={m.email ?? ""} data-role={m.role}>
              <TableCell>
                <div className="flex items-center gap-2 font-medium">
                  {label} {m.isYou && <Badge variant="secondary">you</Badge>}
                </div>
                {m.name !== null && <div className="text-xs text-muted-foreground">{m.email}</div>}
              </TableCell>
              <TableCell>
                {editable ? (
                  <RoleSelect
                    member={m}
                    choices={choices}
                    disabled={busy !== null}
                    onChange={(role) =>
                      void act(m.userId, m.isYou ? `You are now ${role}` : `${label} is now ${role}`, () =>
                        changeRole({ organizationId, userId: m.userId, role }),
                      )
                    }
                  />
                ) : (
                  <span className="capitalize" title={ROLE_HELP[m.role]} data-testid="member-role-text">
                    {m.role}
                  </span>
                )}
              </TableCell>
              <TableCell className="text-right">
                {m.isYou ? (
                  <ConfirmButton
                    {...confirmTrigger(`Leave ${name}`, "member-leave")}
                    question={`Leave ${name}?`}
                    description="You lose access to this organization at once; an admin can invite you again."
                    confirmLabel="Leave"
                    onConfirm={() => act(m.userId, `You left ${name}`, () => leave({ organizationId }))}
                  >
                    <LogOutIcon /> Leave
                  </ConfirmButton>
                ) : managesOther ? (
                  <ConfirmButton
                    {...confirmTrigger(`Remove ${label}`, "member-remove")}
                    question={`Remove ${label}?`}
                    description="They lose access to this organization at once."
                    confirmLabel="Remove"
                    onConfirm={() =>
                      act(m.userId, `Removed ${label}`, () => remove({ organizationId, userId: m.userId }))
                    }
                  >
                    <UserMinusIcon /> Remove
                  </ConfirmButton>
                ) : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
