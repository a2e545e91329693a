"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation, useQuery } from "convex/react";
import { useEffect } from "react";
import { useOrganization } from "@/lib/organization";

/** This operator's unread escalations, live (one subscription however many components ask). */
export function useUnread() {
  const { organizationId } = useOrganization();
  return useQuery(api.private.notifications.unread, { organizationId });
}

/** "3", or "50+" when the count is a lower bound. */
export function unreadLabel(unread: { count: number; capped: boolean }): string {
  return `${unread.count}${unread.capped ? "+" : ""}`;
}

/**
 * Marks the open thread read for this operator, again whenever it is escalated anew while open (the
 * escalation's time is the dependency), so an escalation the operator is looking at is never "unread".
 */
export function useMarkOpened(
  conversationId: Id<"conversations">,
  status: { kind: string; at?: number } | undefined,
): void {
  const { organizationId } = useOrganization();
  const markOpened = useMutation(api.private.notifications.markOpened);
  const escalatedAt = status?.kind === "escalated" ? status.at : undefined;
  useEffect(() => {
    markOpened({ organizationId, conversationId }).catch(() => {
      // Only the unread count depends on it; the next open tries again.
    });
  }, [organizationId, conversationId, escalatedAt, markOpened]);
}
