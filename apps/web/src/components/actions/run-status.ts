import type { Doc } from "@answerbase/backend/dataModel";
import type { ComponentProps } from "react";
import type { Badge } from "@answerbase/ui/badge";

/* How a run's status reads in the dashboard (queue history, inbox, playground): one table for all. */

type Variant = NonNullable<ComponentProps<typeof Badge>["variant"]>;
export type RunStatus = Doc<"actionRuns">["status"];

export const STATUS_BADGE: Record<RunStatus, { label: string; variant: Variant }> = {
  pending_confirmation: { label: "waiting for the customer", variant: "warning" },
  pending_approval: { label: "waiting for approval", variant: "warning" },
  approved: { label: "approved", variant: "secondary" },
  running: { label: "running", variant: "secondary" },
  succeeded: { label: "done", variant: "success" },
  rejected: { label: "rejected", variant: "destructive" },
  expired: { label: "expired", variant: "outline" },
  failed: { label: "failed", variant: "destructive" },
};
