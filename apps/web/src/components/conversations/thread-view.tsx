"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useStreamingTexts, type StreamingText } from "@answerbase/streaming-text";
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import {
  BadgeCheckIcon,
  CheckCircle2Icon,
  BotIcon,
  Loader2Icon,
  UserRoundIcon,
  WrenchIcon,
} from "lucide-react";
import { Fragment, useEffect, useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { cn } from "@answerbase/ui/lib/utils";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { errorInfo } from "@/lib/errors";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { SourceBadge, SourceList, Timings } from "./answer-details";
import { ChannelBadge, StatusBadge } from "./inbox-list";
import { Markdown } from "./markdown";
import { Composer } from "./composer";
import { CustomerPanel } from "./customer-panel";
import { StreamingReplyBubble } from "./streaming-reply";
import { AssigneePicker, TeamLine, type Timeline } from "./team-lines";
import { useFollowBottom } from "./use-follow-bottom";
import { useMarkOpened } from "@/components/notifications/use-unread";
import { RunCard, useConversationRuns, type ConversationRun } from "@/components/actions/run-card";

type Detail = FunctionReturnType<typeof api.private.conversations.get>;
type Answer = Detail["answers"][number];
type MessageDoc = FunctionReturnType<typeof api.private.conversations.messages>["page"][number];

/** What each status button does, shown as its tooltip and under the buttons. */
const ACTIONS = {
  escalated: {
    label: "Escalate",
    help: "Take the conversation over: the agent stays silent and new messages wait for a person.",
  },
  resolved: { label: "Resolve", help: "Close it as solved; the customer's next message reopens it." },
  unresolved: {
    label: "Hand back to the agent",
    help: "The agent answers the customer's next messages again.",
  },
} as const;

function toolNames(doc: MessageDoc): string[] {
  const content = doc.message?.content;
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) =>
    part.type === "tool-call" || part.type === "tool-result" ? [part.toolName] : [],
  );
}

function MessageBubble({ doc, author }: { doc: MessageDoc; author?: string }) {
  const role = doc.message?.role;
  if (doc.tool || role === "tool") {
    const names = [...new Set(toolNames(doc))];
    if (role === "tool") return null; // the call line says enough; the result is in the sources
    return (
      <p className="flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="tool-call">
        <WrenchIcon className="size-3" /> Used {names.length > 0 ? names.join(", ") : "a tool"}
      </p>
    );
  }
  if (!doc.text || role === "system") return null;
  const operator = doc.agentName === "operator";
  const customer = role === "user";
  return (
    <div
      className={cn("grid max-w-[85%] gap-1", customer ? "justify-self-start" : "justify-self-end")}
      data-testid="thread-message"
      data-role={customer ? "customer" : operator ? "operator" : "agent"}
    >
      <span
        className={cn("flex items-center gap-1.5 text-xs text-muted-foreground", !customer && "justify-end")}
      >
        {customer ? (
          <UserRoundIcon className="size-3" />
        ) : operator ? (
          <UserRoundIcon className="size-3" />
        ) : (
          <BotIcon className="size-3" />
        )}
        {customer ? "Customer" : operator ? (author ?? "Operator") : "Agent"} · {timeAgo(doc._creationTime)}
      </span>
      <div
        className={cn(
          "rounded-lg px-3 py-2",
          customer ? "bg-muted" : operator ? "bg-primary text-primary-foreground" : "border bg-card",
        )}
      >
        {customer || operator ? (
          <p className="text-sm whitespace-pre-wrap">{doc.text}</p>
        ) : (
          <Markdown text={doc.text} />
        )}
      </div>
    </div>
  );
}

function AnswerPanel({ answer }: { answer: Answer }) {
  return (
    <div
      className="grid max-w-[85%] gap-2 justify-self-end rounded-md border border-dashed p-2"
      data-testid="answer-details"
    >
      <div className="flex items-center gap-2 text-xs text-muted-foreground">
        <SourceBadge source={answer.outcome} />
        <span className="font-mono">{answer.modelId}</span>
        {answer.errorCode && <span className="text-destructive">({answer.errorCode})</span>}
      </div>
      <SourceList sources={answer.sources} />
      <Timings database={answer.database} knowledgeBase={answer.knowledgeBase} totalMs={answer.totalMs} />
    </div>
  );
}

/**
 * Messages grouped by turn (agent messages share their prompt's `order`), each turn with its answer record
 * and, while the agent writes, its reply so far.
 */
function Turns({
  docs,
  answers,
  streaming,
  timeline,
  runs,
}: {
  docs: MessageDoc[];
  answers: Answer[];
  streaming: StreamingText[];
  timeline: Timeline | undefined;
  runs: ConversationRun[] | undefined;
}) {
  const authors = new Map(timeline?.authors.map((a) => [a.messageId, a.author.name]));
  const byPrompt = new Map(
    answers.flatMap((a) => (a.promptMessageId ? [[a.promptMessageId, a] as const] : [])),
  );
  const groups = new Map<number, MessageDoc[]>();
  for (const doc of [...docs].sort((a, b) => a.order - b.order || a.stepOrder - b.stepOrder)) {
    groups.set(doc.order, [...(groups.get(doc.order) ?? []), doc]);
  }
  for (const reply of streaming) if (!groups.has(reply.order)) groups.set(reply.order, []);
  const turns = [...groups.entries()].map(([order, group]) => {
    const prompt = group.find((d) => d.message?.role === "user");
    const answer = prompt ? byPrompt.get(prompt._id) : undefined;
    // The answer's details go under the agent's last message of the turn, before any operator reply.
    let last = -1;
    group.forEach((d, i) => {
      if (d.message?.role === "assistant" && d.agentName !== "operator" && d.text) last = i;
    });
    const node = (
      <div key={order} className="grid gap-2">
        {group.map((doc, i) => (
          <Fragment key={doc._id}>
            <MessageBubble doc={doc} author={authors.get(doc._id)} />
            {answer && i === last && <AnswerPanel answer={answer} />}
          </Fragment>
        ))}
        {answer && last === -1 && <AnswerPanel answer={answer} />}
        {streaming
          .filter((reply) => reply.order === order)
          .map((reply) => (
            <StreamingReplyBubble key={reply.streamId} reply={reply} />
          ))}
      </div>
    );
    return { at: group[0]?._creationTime ?? Number.POSITIVE_INFINITY, node };
  });
  // Notes and assignment lines sit between the turns, by time.
  const lines = (timeline?.events ?? []).map((item) => ({
    at: item._creationTime,
    node: <TeamLine key={item._id} item={item} />,
  }));
  // The agent's action runs sit where they were requested, in the same card the playground shows.
  const cards = (runs ?? []).map((run) => ({
    at: run._creationTime,
    node: <RunCard key={run._id} run={run} />,
  }));
  return <>{[...turns, ...lines, ...cards].sort((a, b) => a.at - b.at).map((entry) => entry.node)}</>;
}

function StatusActions({ detail }: { detail: Detail }) {
  const { organizationId } = useOrganization();
  const setStatus = useMutation(api.private.conversations.setStatus);
  const [pending, setPending] = useState<string | null>(null);
  const current = detail.conversation.status.kind;
  const run = async (status: keyof typeof ACTIONS) => {
    setPending(status);
    try {
      await setStatus({ organizationId, conversationId: detail.conversation._id, status });
      toast.success(
        status === "unresolved"
          ? "Handed back to the agent"
          : status === "resolved"
            ? "Resolved"
            : "Escalated",
      );
    } catch (e) {
      toast.error(`Could not change the status: ${errorInfo(e).message}`);
    } finally {
      setPending(null);
    }
  };
  const available = (Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).filter((s) => s !== current);
  return (
    <div className="grid gap-1.5">
      <div className="flex flex-wrap gap-2">
        {available.map((s) => (
          <Button
            key={s}
            variant={s === "resolved" ? "default" : "outline"}
            size="sm"
            title={ACTIONS[s].help}
            disabled={pending !== null}
            onClick={() => void run(s)}
            data-testid={`set-status-${s}`}
          >
            {pending === s ? (
              <Loader2Icon className="animate-spin" />
            ) : s === "resolved" ? (
              <CheckCircle2Icon />
            ) : null}
            {ACTIONS[s].label}
          </Button>
        ))}
      </div>
      <ul className="grid gap-0.5 text-xs text-muted-foreground">
        {available.map((s) => (
          <li key={s}>
            <span className="font-medium text-foreground">{ACTIONS[s].label}:</span> {ACTIONS[s].help}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One conversation: the thread with each answer's sources and timings, status actions and the reply box. */
export function ThreadView({ conversationId }: { conversationId: Id<"conversations"> }) {
  const { organizationId } = useOrganization();
  const detail = useQuery(api.private.conversations.get, { organizationId, conversationId });
  const { results, status, loadMore } = usePaginatedQuery(
    api.private.conversations.messages,
    { organizationId, conversationId },
    { initialNumItems: 50 },
  );
  const streaming = useStreamingTexts(api.private.conversations.messages, { organizationId, conversationId });
  const log = useFollowBottom<HTMLDivElement>(
    `${results.length}:${streaming.map((reply) => reply.text.length).join(",")}`,
  );
  const timeline = useQuery(api.private.conversationTeam.timeline, { organizationId, conversationId });
  const markRead = useMutation(api.private.conversations.markRead);
  const runs = useConversationRuns(conversationId);
  useMarkOpened(conversationId, detail?.conversation);
  const unread = detail?.conversation.unreadByOperators ?? 0;
  useEffect(() => {
    if (detail !== undefined && unread > 0) {
      markRead({ organizationId, conversationId }).catch(() => {
        // Only the unread badge depends on it; the next open tries again.
      });
    }
  }, [conversationId, organizationId, markRead, unread, detail]);

  if (detail === undefined) {
    return (
      <div className="grid gap-3" data-testid="thread-loading">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-20 w-2/3" />
        <Skeleton className="h-20 w-2/3 justify-self-end" />
      </div>
    );
  }
  const { conversation } = detail;
  return (
    <div className="grid gap-4" data-testid="thread" data-id={conversation._id}>
      <div className="flex flex-wrap items-start gap-2">
        <div className="grid gap-0.5">
          <p className="flex items-center gap-2 font-medium">
            {conversation.contact.name}
            {conversation.contact.verified && (
              <Badge variant="outline" title="The shop's server vouched for this e-mail">
                <BadgeCheckIcon /> Verified
              </Badge>
            )}
            <ChannelBadge channel={conversation.channel} />
          </p>
          <p className="text-xs text-muted-foreground">{conversation.contact.email}</p>
        </div>
        <div className="ml-auto grid justify-items-end gap-0.5">
          <StatusBadge kind={conversation.status.kind} />
          {conversation.status.kind === "escalated" && (
            <span className="text-xs text-muted-foreground" data-testid="status-reason">
              {conversation.status.reason}
            </span>
          )}
        </div>
      </div>
      <AssigneePicker conversationId={conversationId} assignee={timeline?.assignee ?? null} />
      <StatusActions detail={detail} />
      <div
        ref={log.ref}
        onScroll={log.onScroll}
        className="grid max-h-[60vh] gap-3 overflow-y-auto rounded-lg border bg-background p-3"
        role="log"
        aria-label="Messages"
        data-testid="thread-messages"
      >
        {status === "CanLoadMore" && (
          <Button
            variant="ghost"
            size="sm"
            className="w-fit justify-self-center"
            onClick={() => loadMore(50)}
          >
            Earlier messages
          </Button>
        )}
        {status === "LoadingFirstPage" ? (
          <Skeleton className="h-20 w-2/3" />
        ) : results.length === 0 && streaming.length === 0 ? (
          <p className="text-sm text-muted-foreground">No messages yet.</p>
        ) : (
          <Turns
            docs={results}
            answers={detail.answers}
            streaming={streaming}
            timeline={timeline}
            runs={runs}
          />
        )}
      </div>
      <Composer
        key={conversationId}
        conversationId={conversationId}
        customer={{ name: conversation.contact.name, email: conversation.contact.email }}
      />
      <CustomerPanel conversationId={conversationId} />
    </div>
  );
}
