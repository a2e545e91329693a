import { api } from "@answerbase/backend/api";
import { usePaginatedQuery } from "convex/react";
import type { StoredSession } from "./storage.ts";

const STATUS_LABEL = { unresolved: "Open", escalated: "With a person", resolved: "Resolved" } as const;

/** The contact's conversations in this session, newest first. */
export function Inbox({
  session,
  onOpen,
}: {
  session: StoredSession;
  onOpen: (conversationId: string | null) => void;
}) {
  const { results, status, loadMore } = usePaginatedQuery(
    api.public.conversations.list,
    { sessionToken: session.sessionToken },
    { initialNumItems: 20 },
  );
  return (
    <nav className="ab-inbox" aria-label="Your conversations" data-testid="inbox">
      <button
        type="button"
        className="ab-primary"
        data-testid="new-conversation"
        onClick={() => onOpen(null)}
      >
        New conversation
      </button>
      {status === "LoadingFirstPage" ? (
        <div className="ab-loading" role="status" aria-label="Loading" />
      ) : null}
      <ul>
        {results.map((conversation) => (
          <li key={conversation.conversationId}>
            <button
              type="button"
              className="ab-inbox-item"
              data-testid="inbox-item"
              onClick={() => onOpen(conversation.conversationId)}
            >
              <span className="ab-inbox-preview">{conversation.preview || "New conversation"}</span>
              <span className={`ab-badge ab-badge-${conversation.status}`}>
                {STATUS_LABEL[conversation.status]}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {status === "CanLoadMore" ? (
        <button type="button" className="ab-link-button" onClick={() => loadMore(20)}>
          Older conversations
        </button>
      ) : null}
    </nav>
  );
}
