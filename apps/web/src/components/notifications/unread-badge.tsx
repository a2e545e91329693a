"use client";

import { unreadLabel, useUnread } from "./use-unread";

/** The Conversations navigation item's count of unread escalations and replies; nothing when there are none. */
export function UnreadBadge() {
  const unread = useUnread();
  if (unread === undefined || unread.count === 0) return null;
  return (
    <span
      className="ml-auto rounded-full bg-primary px-1.5 py-0.5 text-[11px] leading-none font-semibold text-primary-foreground tabular-nums"
      data-testid="nav-unread"
      data-count={unread.count}
      aria-label={`${unreadLabel(unread)} unread conversations`}
    >
      {unreadLabel(unread)}
    </span>
  );
}
