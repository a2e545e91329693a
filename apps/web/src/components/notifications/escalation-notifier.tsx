"use client";

import { BellIcon } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { unreadLabel, useUnread } from "./use-unread";

/* The tab title's unread count and browser notifications for new escalations. */

const ASKED_KEY = "answerbase.notifications.asked";
const COUNT_PREFIX = /^\(\d+\+?\) /;

function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

/**
 * Renders the one-time "Turn on notifications" button (permission is asked on that click, never on
 * load, and the answer remembered), keeps "(3) " in front of the tab title, and shows a browser
 * notification for each escalation that becomes unread while the dashboard is open.
 */
export function EscalationNotifier() {
  const unread = useUnread();
  const pathname = usePathname();
  const router = useRouter();
  const seen = useRef<Set<string> | null>(null);
  const [askable, setAskable] = useState(false);

  useEffect(() => {
    setAskable(
      notificationsSupported() &&
        Notification.permission === "default" &&
        window.localStorage.getItem(ASKED_KEY) === null,
    );
  }, []);

  useEffect(() => {
    if (unread === undefined) return;
    const base = document.title.replace(COUNT_PREFIX, "");
    document.title = unread.count > 0 ? `(${unreadLabel(unread)}) ${base}` : base;
  }, [unread, pathname]);

  useEffect(() => {
    if (unread === undefined) return;
    const ids = unread.latest.map((c) => c.conversationId as string);
    // The first answer is what was already waiting: only later arrivals notify.
    if (seen.current === null) {
      seen.current = new Set(ids);
      return;
    }
    const fresh = unread.latest.filter((c) => !seen.current!.has(c.conversationId));
    for (const id of ids) seen.current.add(id);
    if (!notificationsSupported() || Notification.permission !== "granted") return;
    for (const conversation of fresh) {
      const notification = new Notification("New escalation", {
        body: conversation.preview || "A customer is waiting for a person.",
        tag: conversation.conversationId,
      });
      notification.onclick = () => {
        window.focus();
        router.push(`/conversations?c=${conversation.conversationId}`);
        notification.close();
      };
    }
  }, [unread, router]);

  if (!askable) return null;
  return (
    <button
      type="button"
      title="Turn on notifications for new escalations"
      aria-label="Turn on notifications for new escalations"
      data-testid="notifications-enable"
      className="flex size-9 items-center justify-center rounded-md text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
      onClick={() => {
        window.localStorage.setItem(ASKED_KEY, "1");
        setAskable(false);
        void Notification.requestPermission();
      }}
    >
      <BellIcon className="size-4" />
    </button>
  );
}
