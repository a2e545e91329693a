"use client";

import { api } from "@answerbase/backend/api";
import { usePaginatedQuery, useQuery } from "convex/react";
import { Loader2Icon, ScrollTextIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@answerbase/ui/select";
import { Skeleton } from "@answerbase/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { EmptyState } from "@/components/empty-state";
import { formatCount, timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

const PAGE_SIZE = 25;

const OPERATIONS = {
  test_connection: "Test connection",
  list_tables: "List tables",
  preview_rows: "Preview rows",
  health_check: "Health check",
  save_config: "Save config",
  disconnect: "Disconnect",
  lookup: "Lookup",
  ingest: "Ingest",
  api_request: "API request",
  webhook_disabled: "Webhook disabled",
  assign_conversation: "Assign conversation",
  sql_console: "SQL console",
  sql_console_cancel: "SQL console cancel",
  action_definition: "Action changed",
  action_decision: "Action decision",
  action_call: "Action call",
} as const;
type Operation = keyof typeof OPERATIONS;

/** Data-source accesses, newest first, a page at a time; the backend filters the whole log. */
export function AuditLog() {
  const { organizationId } = useOrganization();
  const [operation, setOperation] = useState<"all" | Operation>("all");
  const [outcome, setOutcome] = useState<"all" | "ok" | "error">("all");
  const { results, status, loadMore } = usePaginatedQuery(
    api.private.auditLog.list,
    {
      organizationId,
      ...(operation !== "all" && { operation }),
      ...(outcome !== "all" && { outcome }),
    },
    { initialNumItems: PAGE_SIZE },
  );
  const members = useQuery(api.private.members.list, { organizationId });

  const names = useMemo(
    () => new Map((members ?? []).map((m) => [m.userId as string, m.name ?? m.email ?? "member"])),
    [members],
  );
  const filtered = operation !== "all" || outcome !== "all";

  // The filters stay on screen (and keep the focus) while a changed filter loads its first page.
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <span className="text-sm font-medium">Operation</span>
          <Select value={operation} onValueChange={(v) => setOperation(v as "all" | Operation)}>
            <SelectTrigger
              className="w-44"
              aria-label="Filter by operation"
              data-testid="audit-filter-operation"
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">All operations</SelectItem>
              {(Object.keys(OPERATIONS) as Operation[]).map((op) => (
                <SelectItem key={op} value={op}>
                  {OPERATIONS[op]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <span className="text-sm font-medium">Outcome</span>
          <Select value={outcome} onValueChange={(v) => setOutcome(v as "all" | "ok" | "error")}>
            <SelectTrigger className="w-36" aria-label="Filter by outcome" data-testid="audit-filter-outcome">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">All outcomes</SelectItem>
              <SelectItem value="ok">OK</SelectItem>
              <SelectItem value="error">Error</SelectItem>
            </SelectContent>
          </Select>
        </div>
      </div>

      {status === "LoadingFirstPage" ? (
        <div className="grid gap-2" data-testid="audit-loading">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </div>
      ) : results.length === 0 && filtered ? (
        <EmptyState icon={ScrollTextIcon} title="Nothing matches these filters" testId="audit-empty-filtered">
          No entry in the whole audit log has this operation and outcome.
        </EmptyState>
      ) : results.length === 0 ? (
        <EmptyState icon={ScrollTextIcon} title="No data-source access yet" testId="audit-empty">
          Every connection test, preview, lookup by the agent (with the tables that answered) and ingestion
          shows here once a database is connected. Listing the tables is recorded only when it fails.
        </EmptyState>
      ) : (
        <Table data-testid="audit-table">
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Actor</TableHead>
              <TableHead>Operation</TableHead>
              <TableHead>Table</TableHead>
              <TableHead className="text-right">Rows</TableHead>
              <TableHead className="text-right">Duration</TableHead>
              <TableHead>Outcome</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {results.map((e) => (
              <TableRow
                key={e._id}
                data-testid="audit-row"
                data-operation={e.operation}
                data-outcome={e.outcome.kind}
              >
                <TableCell className="whitespace-nowrap" title={new Date(e._creationTime).toLocaleString()}>
                  {timeAgo(e._creationTime)}
                </TableCell>
                <TableCell>
                  {e.actor.kind === "member" ? (
                    <span>{names.get(e.actor.userId) ?? "A former member"}</span>
                  ) : e.actor.kind === "contact" ? (
                    <span>
                      Customer{" "}
                      <span className="font-mono text-xs text-muted-foreground">{e.actor.contactId}</span>
                    </span>
                  ) : e.actor.kind === "api_key" ? (
                    <span>
                      API key{" "}
                      <span className="font-mono text-xs text-muted-foreground">{e.actor.prefix}</span>
                    </span>
                  ) : (
                    <span className="text-muted-foreground">System · {e.actor.name}</span>
                  )}
                </TableCell>
                <TableCell>{OPERATIONS[e.operation]}</TableCell>
                <TableCell className="font-mono text-xs" data-testid="audit-row-table">
                  {e.endpoint ??
                    e.table ??
                    // A lookup with no table had none it could read that fitted the question (a visitor
                    // may read public tables only): say so rather than a dash that reads as "unknown".
                    (e.operation === "lookup" ? (
                      <span className="font-sans text-muted-foreground">No table matched</span>
                    ) : (
                      "—"
                    ))}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {e.rowCount === undefined ? "—" : formatCount(e.rowCount)}
                </TableCell>
                <TableCell className="whitespace-nowrap text-right tabular-nums">
                  {formatCount(e.durationMs)} ms
                </TableCell>
                <TableCell>
                  {e.outcome.kind === "ok" ? (
                    <Badge variant="secondary">OK</Badge>
                  ) : (
                    <Badge variant="destructive" title={e.outcome.code}>
                      Error · <span className="font-mono">{e.outcome.code}</span>
                    </Badge>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {(status === "CanLoadMore" || status === "LoadingMore") && (
        <div>
          <Button
            variant="outline"
            onClick={() => loadMore(PAGE_SIZE)}
            disabled={status === "LoadingMore"}
            data-testid="audit-load-more"
          >
            {status === "LoadingMore" && <Loader2Icon className="animate-spin" />} Load more
          </Button>
        </div>
      )}
    </div>
  );
}
