import type { Role } from "@/lib/organization";

/** What each role may do, as the backend's member/admin/owner checks enforce it. */
export const ROLE_HELP: Record<Role, string> = {
  owner: "Everything admins do, and grants or takes away ownership",
  admin: "Connects databases, manages knowledge, the widget and members",
  member: "Reads conversations, the data source, tables and knowledge; replies to customers",
};

export function RoleLegend() {
  return (
    <dl className="grid gap-1 text-xs text-muted-foreground sm:grid-cols-3" data-testid="role-legend">
      {(Object.keys(ROLE_HELP) as Role[]).map((role) => (
        <div key={role}>
          <dt className="font-medium text-foreground capitalize">{role}</dt>
          <dd>{ROLE_HELP[role]}</dd>
        </div>
      ))}
    </dl>
  );
}
