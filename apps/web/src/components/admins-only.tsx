import { ShieldIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";

/** What a member sees on a page only owners and admins may open. */
export function AdminsOnly({ what }: { what: string }) {
  return (
    <EmptyState icon={ShieldIcon} title="Admins only" testId="admins-only">
      {what} are open to this organization&apos;s owners and admins. Ask one of them to show you, or to change
      your role on the Members page.
    </EmptyState>
  );
}
