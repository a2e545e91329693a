"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation, useQuery } from "convex/react";
import { useEffect } from "react";
import { useOrganization } from "@/lib/organization";

/** This operator's unread escalations and replies in conversations assigned to them, live (one subscription however many components ask). */
export function useUnread() {
  const { organizationId } = useOrganization();
  return useQuery(api.private.notifications.unread, { organizationId });
}

/** "3", or "50+" when the count is a lower bound. */
export function unreadLabel(unread: { count: number; capped: boolean }): string {
  return `${unread.count}${unread.capped ? "+" : ""}`;
}

/**
 * Marks the open thread read for this operator, again whenever it is escalated anew or the customer
 * writes while it is open (those times are the dependencies), so what the operator is looking at is
 * never "unread".
 */
export function useMarkOpened(
  conversationId: Id<"conversations">,
  conversation: { status: { kind: string; at?: number }; lastContactMessageAt?: number } | undefined,
): void {
  const { organizationId } = useOrganization();
  const markOpened = useMutation(api.private.notifications.markOpened);
  const escalatedAt = conversation?.status.kind === "escalated" ? conversation.status.at : undefined;
  const repliedAt = conversation?.lastContactMessageAt;
  useEffect(() => {
    markOpened({ organizationId, conversationId }).catch(() => {
      // Only the unread count depends on it; the next open tries again.
    });
  }, [organizationId, conversationId, escalatedAt, repliedAt, markOpened]);
}
