"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import type { FunctionReturnType } from "convex/server";
import { usePaginatedQuery } from "convex/react";
import { BadgeCheckIcon, InboxIcon, PlugIcon } from "lucide-react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { cn } from "@answerbase/ui/lib/utils";
import { Skeleton } from "@answerbase/ui/skeleton";
import { EmptyState } from "@/components/empty-state";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

export type StatusFilter = "all" | "unresolved" | "escalated" | "resolved";
export type AssigneeFilter = "anyone" | "mine" | "unassigned";

export const STATUS_LABEL = {
  unresolved: "Unresolved",
  escalated: "Escalated",
  resolved: "Resolved",
} as const;

export function StatusBadge({ kind }: { kind: keyof typeof STATUS_LABEL }) {
  return (
    <Badge
      variant={kind === "escalated" ? "warning" : kind === "resolved" ? "success" : "secondary"}
      data-testid="conversation-status"
      data-status={kind}
    >
      {STATUS_LABEL[kind]}
    </Badge>
  );
}

/**
 * A conversation that came in through the HTTP API (a channel bridge such as WhatsApp over n8n, a
 * voice agent, a server) is labelled; the widget's, the usual case, are not.
 */
export function ChannelBadge({ channel }: { channel: "widget" | "api" | undefined }) {
  if (channel !== "api") return null;
  return (
    <Badge
      variant="outline"
      title="Came in through the HTTP API (/v1)"
      data-testid="conversation-channel"
      data-channel={channel}
    >
      <PlugIcon /> API
    </Badge>
  );
}

/** Conversations, newest activity first, for one status filter, with "Load more". */
export function InboxList({
  filter,
  assignee,
  selected,
  onSelect,
}: {
  filter: StatusFilter;
  assignee: AssigneeFilter;
  /** The open conversation's id as the address has it (maybe not one of these). */
  selected: string | null;
  onSelect: (id: Id<"conversations">) => void;
}) {
  const { organizationId } = useOrganization();
  const { results, status, loadMore } = usePaginatedQuery(
    api.private.conversations.list,
    {
      organizationId,
      ...(filter === "all" ? {} : { status: filter }),
      ...(assignee === "anyone" ? {} : { assignee }),
    },
    { initialNumItems: 20 },
  );

  if (status === "LoadingFirstPage") {
    return (
      <div className="grid gap-2" data-testid="inbox-loading">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-16 w-full" />
        ))}
      </div>
    );
  }
  if (results.length === 0) {
    return (
      <EmptyState icon={InboxIcon} title="No conversations here" testId="inbox-empty">
        {assignee === "mine"
          ? "Nothing is assigned to you here. Take a conversation with “Assign to me” or by replying."
          : assignee === "unassigned"
            ? "Every conversation here has someone looking after it."
            : filter === "all"
              ? "When customers write through the widget, their conversations appear here."
              : `No ${STATUS_LABEL[filter].toLowerCase()} conversations right now.`}
      </EmptyState>
    );
  }
  return (
    <div className="grid min-w-0 gap-2">
      <ul className="grid min-w-0 gap-1.5" data-testid="inbox-list">
        {results.map((c) => (
          <InboxItem key={c._id} conversation={c} selected={selected === c._id} onSelect={onSelect} />
        ))}
      </ul>
      {status === "CanLoadMore" && (
        <Button
          variant="outline"
          size="sm"
          className="w-fit"
          onClick={() => loadMore(20)}
          data-testid="inbox-load-more"
        >
          Load more
        </Button>
      )}
      {status === "LoadingMore" && <Skeleton className="h-9 w-28" />}
    </div>
  );
}

export type InboxConversation = FunctionReturnType<typeof api.private.conversations.search>[number];

/** One conversation in the inbox's list or its search results: customer, badges, status and preview. */
export function InboxItem({
  conversation: c,
  selected,
  onSelect,
}: {
  conversation: InboxConversation;
  selected: boolean;
  onSelect: (id: Id<"conversations">) => void;
}) {
  return (
    <li>
      <button
        type="button"
        onClick={() => onSelect(c._id)}
        aria-current={selected ? "true" : undefined}
        data-testid="inbox-item"
        data-id={c._id}
        data-status={c.status.kind}
        className={cn(
          "grid w-full min-w-0 gap-1 overflow-hidden rounded-lg border p-3 text-left text-sm outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50",
          selected && "border-primary bg-accent",
        )}
      >
        <span className="flex min-w-0 items-center gap-2">
          <span className={cn("min-w-0 truncate", c.unreadByOperators > 0 && "font-semibold")}>
            {c.contact.name}
          </span>
          {c.contact.verified && (
            <Badge variant="outline" title="The shop's server vouched for this e-mail" data-testid="verified">
              <BadgeCheckIcon /> Verified
            </Badge>
          )}
          <ChannelBadge channel={c.channel} />
          {c.unreadByOperators > 0 && (
            <Badge data-testid="unread" aria-label={`${c.unreadByOperators} unread`}>
              {c.unreadByOperators}
            </Badge>
          )}
          <span
            className="ml-auto shrink-0 text-xs text-muted-foreground"
            title={new Date(c.lastMessageAt).toLocaleString()}
          >
            {timeAgo(c.lastMessageAt)}
          </span>
        </span>
        <span className="truncate text-xs text-muted-foreground">{c.contact.email}</span>
        <span className="flex min-w-0 items-center gap-2">
          <StatusBadge kind={c.status.kind} />
          <span className="min-w-0 truncate text-muted-foreground" data-testid="inbox-preview">
            {c.preview}
          </span>
        </span>
      </button>
    </li>
  );
}
