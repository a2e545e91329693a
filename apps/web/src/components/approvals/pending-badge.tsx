"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import { useOrganization } from "@/lib/organization";

/** The Approvals navigation item's count of requests waiting for a person; nothing when none wait. */
export function PendingApprovalsBadge() {
  const { organizationId } = useOrganization();
  const pending = useQuery(api.private.approvals.listPending, { organizationId });
  if (pending === undefined || pending.length === 0) return null;
  return (
    <span
      className="ml-auto rounded-full bg-warning px-1.5 py-0.5 text-[11px] leading-none font-semibold text-foreground tabular-nums"
      data-testid="nav-approvals-pending"
      data-count={pending.length}
      aria-label={`${pending.length} pending approvals`}
    >
      {pending.length}
    </span>
  );
}
