"use client";

import { BellIcon } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { unreadLabel, useUnread } from "./use-unread";

/* The tab title's unread count and browser notifications for new escalations and for customers'
 * replies in conversations assigned to me. */

const ASKED_KEY = "answerbase.notifications.asked";
const COUNT_PREFIX = /^\(\d+\+?\) /;

function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

/** The conversation is open in this visible tab: the operator sees it arrive, a notification is noise. */
function isOnScreen(conversationId: string): boolean {
  return (
    document.visibilityState === "visible" &&
    window.location.pathname.endsWith("/conversations") &&
    new URLSearchParams(window.location.search).get("c") === conversationId
  );
}

/**
 * Renders the one-time "Turn on notifications" button (permission is asked on that click, never on
 * load, and the answer remembered), keeps "(3) " in front of the tab title, and shows a browser
 * notification for each escalation, and each customer's reply in a conversation assigned to me, that
 * becomes unread while the dashboard is open.
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
    // Keyed by what happened when: the same conversation notifies again for a later reply or escalation.
    const keyOf = (c: (typeof unread.latest)[number]) => `${c.kind}:${c.conversationId}:${c.at}`;
    // The first answer is what was already waiting: only later arrivals notify.
    if (seen.current === null) {
      seen.current = new Set(unread.latest.map(keyOf));
      return;
    }
    const fresh = unread.latest.filter((c) => !seen.current!.has(keyOf(c)));
    for (const c of unread.latest) seen.current.add(keyOf(c));
    if (!notificationsSupported() || Notification.permission !== "granted") return;
    for (const conversation of fresh) {
      if (isOnScreen(conversation.conversationId)) continue;
      const reply = conversation.kind === "reply";
      const notification = new Notification(reply ? "New reply in your conversation" : "New escalation", {
        body:
          conversation.preview ||
          (reply ? "The customer wrote again." : "A customer is waiting for a person."),
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
      title="Turn on notifications for new escalations and replies to your conversations"
      aria-label="Turn on notifications for new escalations and replies to your conversations"
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
