"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { StickyNoteIcon, UserRoundCheckIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { toast } from "@answerbase/ui/sonner";
import { errorInfo } from "@/lib/errors";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

export type Timeline = FunctionReturnType<typeof api.private.conversationTeam.timeline>;
export type TimelineEvent = Timeline["events"][number];

/** A thread line that is not a message: a note (amber, the team's only) or who took the conversation. */
export function TeamLine({ item }: { item: TimelineEvent }) {
  const { event, people } = item;
  const name = (i: number) => people[i]?.name ?? "Someone";
  if (event.kind === "note") {
    return (
      <div
        className="grid max-w-[85%] gap-1 justify-self-end rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
        data-testid="thread-note"
      >
        <span className="flex items-center gap-1.5 text-xs font-medium">
          <StickyNoteIcon className="size-3" /> Note — only your team sees this · {name(0)} ·{" "}
          {timeAgo(item._creationTime)}
        </span>
        <p className="text-sm whitespace-pre-wrap">{event.text}</p>
      </div>
    );
  }
  if (event.kind !== "assigned") return null; // joined/left are the widget's wording of the same change
  const by = name(0);
  const to = event.to === undefined ? null : name(people.length - 1);
  const text =
    to === null
      ? `${by} unassigned the conversation`
      : event.to === event.by
        ? `${by} took the conversation`
        : `${by} assigned the conversation to ${to}`;
  return (
    <p className="justify-self-center text-xs text-muted-foreground" data-testid="thread-event">
      {text} · {timeAgo(item._creationTime)}
    </p>
  );
}

/** Who owns the conversation, with "Assign to me" and a picker of teammates (or nobody). */
export function AssigneePicker({
  conversationId,
  assignee,
}: {
  conversationId: Id<"conversations">;
  assignee: Timeline["assignee"];
}) {
  const { organizationId } = useOrganization();
  const members = useQuery(api.private.members.list, { organizationId });
  const assign = useMutation(api.private.conversationTeam.assign);
  const [pending, setPending] = useState(false);
  const me = members?.find((m) => m.isYou);
  const run = async (userId: Id<"users"> | undefined) => {
    setPending(true);
    try {
      await assign({ organizationId, conversationId, ...(userId ? { userId } : {}) });
    } catch (e) {
      toast.error(`Could not assign: ${errorInfo(e).message}`);
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="assignee">
      <UserRoundCheckIcon className="size-4 text-muted-foreground" />
      <label htmlFor="assignee-select" className="text-muted-foreground">
        Assigned to
      </label>
      <select
        id="assignee-select"
        className="h-8 rounded-md border bg-background px-2"
        value={assignee?.userId ?? ""}
        disabled={pending || members === undefined}
        onChange={(e) => void run(e.target.value === "" ? undefined : (e.target.value as Id<"users">))}
        data-testid="assignee-select"
      >
        <option value="">Nobody</option>
        {members?.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.isYou ? `Me (${m.name ?? m.email ?? "you"})` : (m.name ?? m.email ?? "A teammate")}
          </option>
        ))}
      </select>
      {me && assignee?.userId !== me.userId && (
        <Button
          variant="outline"
          size="sm"
          disabled={pending}
          onClick={() => void run(me.userId)}
          data-testid="assign-me"
        >
          Assign to me
        </Button>
      )}
    </div>
  );
}
