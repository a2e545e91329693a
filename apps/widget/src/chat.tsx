import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation, useQuery, type ConvexReactClient } from "convex/react";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { ActionRunCard } from "./action-run.tsx";
import type { Settings } from "./app.tsx";
import { errorInfo } from "./errors.ts";
import { MessageBubble, OperatorNotice, type Operator, type Source } from "./message.tsx";
import { SatisfactionPrompt } from "./satisfaction.tsx";
import type { StoredSession } from "./storage.ts";
import { useThread } from "./use-thread.ts";

const STATUS_TEXT = {
  escalated: "A person from the support team will reply here. The assistant is paused.",
  resolved: "This conversation is resolved. Write again to reopen it.",
} as const;

export function Chat({
  client,
  session,
  settings,
  conversationId,
  focusTick,
  onConversation,
  onClose,
}: {
  client: ConvexReactClient;
  session: StoredSession;
  settings: Settings;
  conversationId: string | null;
  focusTick: number;
  onConversation: (conversationId: string) => void;
  onClose: () => void;
}) {
  const sessionToken = session.sessionToken;
  const id = conversationId as Id<"conversations"> | null;
  const args = id === null ? "skip" : { sessionToken, conversationId: id };
  const { rows } = useThread(args);
  const conversation = useQuery(api.public.conversations.get, args);
  const sources = useQuery(api.public.messages.sources, args);
  const people = useQuery(api.public.conversations.people, args);
  const runs = useQuery(api.public.actionRuns.listForConversation, args);
  const escalate = useMutation(api.public.conversations.escalate);
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);

  useEffect(() => input.current?.focus(), [focusTick, conversationId]);
  const last = rows.at(-1);
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [rows.length, last?.text]);

  const status = conversation?.status ?? "unresolved";
  const typing =
    sending ||
    (status !== "escalated" && last?.role === "user") ||
    (last?.role === "assistant" && last.streaming && !last.text);

  // Which reply each answer record belongs to: the prompt's order is the reply's order.
  const sourcesByOrder = new Map<number, Source[]>();
  for (const answer of sources ?? []) {
    const prompt = rows.find((row) => row.id === answer.promptMessageId);
    if (prompt !== undefined && answer.sources.length > 0) sourcesByOrder.set(prompt.order, answer.sources);
  }

  const authors = new Map<string, Operator>(people?.authors.map((a) => [a.messageId, a.operator]));
  // Messages and the operators' join/leave lines, by time.
  const entries = [
    ...rows.map((row, index) => ({
      at: row.at,
      node: (
        <MessageBubble
          key={row.key}
          role={row.role}
          text={row.text}
          operator={row.id === null ? undefined : authors.get(row.id)}
          sources={
            row.role === "assistant" && rows[index + 1]?.order !== row.order
              ? sourcesByOrder.get(row.order)
              : undefined
          }
        />
      ),
    })),
    ...(people?.notices ?? []).map((notice) => ({
      at: notice.at,
      node: (
        <OperatorNotice key={`${notice.kind}:${notice.at}`} operator={notice.operator} kind={notice.kind} />
      ),
    })),
    ...(runs ?? []).map((run) => ({
      at: run.createdAt,
      node: <ActionRunCard key={run.runId} run={run} sessionToken={sessionToken} />,
    })),
  ].sort((a, b) => a.at - b.at);

  const send = async (text: string) => {
    const trimmed = text.trim();
    if (trimmed === "" || sending) return;
    setSending(true);
    setError(null);
    try {
      let target = id;
      if (target === null) {
        target = (await client.mutation(api.public.conversations.start, { sessionToken })).conversationId;
        onConversation(target);
      }
      await client.mutation(api.public.messages.send, {
        sessionToken,
        conversationId: target,
        text: trimmed,
      });
      setDraft("");
    } catch (caught) {
      setError(errorInfo(caught).message);
    } finally {
      setSending(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void send(draft);
    } else if (event.key === "Escape") onClose();
  };

  return (
    <section className="ab-chat" aria-label="Chat">
      {session.verified ? null : (
        <p className="ab-note" data-testid="guest-note">
          Chatting as a guest ({session.email}). Sign in on the site for order and account details.
        </p>
      )}
      {status !== "unresolved" ? (
        <div
          className={`ab-banner ab-status-${status}`}
          role="status"
          data-testid="status-banner"
          data-status={status}
        >
          {STATUS_TEXT[status]}
        </div>
      ) : null}
      <div
        className="ab-log"
        ref={log}
        role="log"
        aria-live="polite"
        aria-label="Messages"
        data-testid="messages"
      >
        <p className="ab-bubble ab-assistant">{settings.greeting}</p>
        {entries.map((entry) => entry.node)}
        {typing ? (
          <p
            className="ab-typing"
            role="status"
            aria-label="The assistant is typing"
            data-testid="typing-indicator"
          >
            <span />
            <span />
            <span />
          </p>
        ) : null}
        {rows.length === 0 && settings.suggestions.length > 0 ? (
          <div className="ab-suggestions" aria-label="Suggested questions">
            {settings.suggestions.map((suggestion) => (
              <button
                key={suggestion}
                type="button"
                className="ab-suggestion"
                data-testid="suggestion"
                onClick={() => void send(suggestion)}
              >
                {suggestion}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {id !== null && status === "resolved" ? (
        <SatisfactionPrompt sessionToken={sessionToken} conversationId={id} />
      ) : null}
      {error !== null ? (
        <p className="ab-error" role="alert" data-testid="send-error">
          {error}
        </p>
      ) : null}
      <form className="ab-composer" onSubmit={onSubmit}>
        <textarea
          ref={input}
          rows={1}
          value={draft}
          maxLength={4000}
          placeholder="Ask a question…"
          aria-label="Your message"
          data-testid="composer-input"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="submit"
          className="ab-send"
          aria-label="Send"
          data-testid="composer-send"
          disabled={sending}
        >
          ➤
        </button>
      </form>
      {id !== null && status !== "escalated" ? (
        <button
          type="button"
          className="ab-link-button"
          data-testid="escalate-button"
          onClick={() =>
            void escalate({ sessionToken, conversationId: id }).catch((caught: unknown) =>
              setError(errorInfo(caught).message),
            )
          }
        >
          Talk to a person
        </button>
      ) : null}
    </section>
  );
}
