"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useAction, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { BadgeCheckIcon, MailQuestionIcon, UserRoundXIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Skeleton } from "@answerbase/ui/skeleton";
import { ErrorPanel } from "@/components/error-panel";
import { RowsTable } from "@/components/database/rows-table";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { StatusBadge } from "./inbox-list";

type Context = FunctionReturnType<typeof api.private.customerContext.get>;
type Rows = FunctionReturnType<typeof api.private.customerContextActions.rows>;
type CustomerTable = Extract<Rows, { kind: "tables" }>["tables"][number];

const METHOD: Record<string, string> = {
  signature: "the site's signature",
  identity_token: "the site's identity token",
  api_key: "an API key allowed to vouch for customers",
};

function Identity({ identity }: { identity: Context["identity"] }) {
  if (identity.kind === "verified")
    return (
      <p className="flex items-center gap-1.5 text-sm" data-testid="customer-identity" data-kind="verified">
        <BadgeCheckIcon className="size-4 text-primary" />
        {identity.email}: verified by {identity.method === null ? "the site" : METHOD[identity.method]}{" "}
        {timeAgo(identity.at)}
      </p>
    );
  if (identity.kind === "unverified")
    return (
      <p className="flex items-center gap-1.5 text-sm" data-testid="customer-identity" data-kind="unverified">
        <MailQuestionIcon className="size-4 text-muted-foreground" />
        {identity.email}: typed into the widget, not verified. Their account data is not shown, as the agent
        does not read it for them.
      </p>
    );
  return (
    <p className="flex items-center gap-1.5 text-sm" data-testid="customer-identity" data-kind="anonymous">
      <UserRoundXIcon className="size-4 text-muted-foreground" /> Anonymous: no e-mail given.
    </p>
  );
}

function PastConversations({ context }: { context: Context }) {
  if (context.past.length === 0)
    return <p className="text-xs text-muted-foreground">No earlier conversations with this e-mail.</p>;
  return (
    <ul className="grid gap-1" data-testid="customer-past">
      {context.past.map((c) => (
        <li key={c.conversationId} className="flex items-center gap-2 text-sm">
          <StatusBadge kind={c.status} />
          <Link
            href={`/conversations?c=${c.conversationId}`}
            className="min-w-0 flex-1 truncate underline-offset-2 hover:underline"
            data-testid="customer-past-link"
          >
            {c.preview || "(no messages)"}
          </Link>
          {!c.verified && (
            <span className="text-xs text-muted-foreground" title="Someone typed this e-mail without proof">
              unverified
            </span>
          )}
          <span className="text-xs text-muted-foreground">{timeAgo(c.lastMessageAt)}</span>
        </li>
      ))}
      {context.morePast && <li className="text-xs text-muted-foreground">Earlier ones not listed.</li>}
    </ul>
  );
}

/** One customer table: a few rows, and the next ones on "More". */
function CustomerTableRows({
  conversationId,
  first,
}: {
  conversationId: Id<"conversations">;
  first: CustomerTable;
}) {
  const { organizationId } = useOrganization();
  const read = useAction(api.private.customerContextActions.rows);
  const [rows, setRows] = useState(first.rows);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const label = `${first.schema}.${first.table}`;
  const more = async (from: string) => {
    setPending(true);
    setFailure(null);
    try {
      const next = await read({
        organizationId,
        conversationId,
        more: { schema: first.schema, table: first.table, cursor: from },
      });
      const page = next.kind === "tables" ? next.tables[0] : undefined;
      setRows((shown) => [...shown, ...(page?.rows ?? [])]);
      setCursor(page?.nextCursor ?? null);
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="grid gap-1" data-testid="customer-table" data-table={label}>
      <p className="font-mono text-xs font-medium">{label}</p>
      {rows.length === 0 ? (
        <p className="text-xs text-muted-foreground">None of theirs.</p>
      ) : (
        <RowsTable columns={first.columns} rows={rows} />
      )}
      {failure && <ErrorPanel title="More rows could not be read" error={failure} />}
      {cursor !== null && (
        <Button
          variant="ghost"
          size="sm"
          className="w-fit"
          disabled={pending}
          onClick={() => void more(cursor)}
          data-testid="customer-table-more"
        >
          More
        </Button>
      )}
    </div>
  );
}

/** The customer's own rows, read once per opened conversation (each read is audited). */
function CustomerRows({ conversationId }: { conversationId: Id<"conversations"> }) {
  const { organizationId } = useOrganization();
  const read = useAction(api.private.customerContextActions.rows);
  const [state, setState] = useState<
    { kind: "loading" } | { kind: "done"; rows: Rows } | { kind: "failed"; error: ErrorInfo }
  >({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ kind: "loading" });
    read({ organizationId, conversationId }).then(
      (rows) => current && setState({ kind: "done", rows }),
      (error: unknown) => current && setState({ kind: "failed", error: errorInfo(error) }),
    );
    return () => {
      current = false;
    };
  }, [organizationId, conversationId, read, attempt]);

  if (state.kind === "loading") return <Skeleton className="h-16 w-full" />;
  if (state.kind === "failed")
    return (
      <ErrorPanel
        title="Their data could not be read"
        error={state.error}
        onRetry={() => setAttempt((n) => n + 1)}
        testId="customer-rows-error"
      />
    );
  if (state.rows.kind === "not_verified") return null;
  if (state.rows.tables.length === 0)
    return (
      <p className="text-xs text-muted-foreground" data-testid="customer-rows-none">
        No table is shared with customers yet (Database → access policies).
      </p>
    );
  return (
    <div className="grid gap-3" data-testid="customer-rows">
      {state.rows.tables.map((table) => (
        <CustomerTableRows
          key={`${table.schema}.${table.table}`}
          conversationId={conversationId}
          first={table}
        />
      ))}
    </div>
  );
}

/**
 * Who the customer is: identity, earlier conversations and, for a verified customer, their own rows as
 * the agent may read them (same policies and scoping), read-only.
 */
export function CustomerPanel({ conversationId }: { conversationId: Id<"conversations"> }) {
  const { organizationId } = useOrganization();
  const context = useQuery(api.private.customerContext.get, { organizationId, conversationId });
  if (context === undefined) return <Skeleton className="h-24 w-full" />;
  return (
    <section className="grid gap-3 rounded-lg border p-3" data-testid="customer-panel">
      <h3 className="text-sm font-medium">Customer: {context.name}</h3>
      <Identity identity={context.identity} />
      <div className="grid gap-1">
        <h4 className="text-xs font-medium text-muted-foreground">Earlier conversations</h4>
        <PastConversations context={context} />
      </div>
      {context.identity.kind === "verified" && (
        <div className="grid gap-1">
          <h4 className="text-xs font-medium text-muted-foreground">
            Their data, as the agent may read it for them
          </h4>
          <CustomerRows conversationId={conversationId} />
        </div>
      )}
    </section>
  );
}
