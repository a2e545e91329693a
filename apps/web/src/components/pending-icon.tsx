import { Loader2Icon, type LucideIcon } from "lucide-react";

/** A button's icon, swapped for a spinner while its work runs (a button without one shows the spinner alone). */
export function PendingIcon({ pending, icon: Icon }: { pending: boolean; icon?: LucideIcon | undefined }) {
  if (pending) return <Loader2Icon className="animate-spin" />;
  return Icon ? <Icon /> : null;
}
