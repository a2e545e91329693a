"use client";

import { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";
import { useAction, useQuery } from "convex/react";
import { ChevronDownIcon, RefreshCwIcon, SearchIcon, TableIcon } from "lucide-react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Card } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { cn } from "@answerbase/ui/lib/utils";
import { Skeleton } from "@answerbase/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@answerbase/ui/tabs";
import { EmptyState } from "@/components/empty-state";
import { ErrorPanel } from "@/components/error-panel";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { formatCount } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { DataGrid } from "./data-grid";
import { PolicyBadge, PolicyEditor } from "./policy-editor";
import { ReviewSuggestions } from "./review-suggestions";
import { RowEstimate } from "./row-estimate";

export type TableSummary = FunctionReturnType<typeof api.private.dataSourceActions.listTables>[number];
type Policy = TableSummary["policy"];

/** How many matching tables the list renders; the search narrows catalogs of thousands. */
const LIST_LIMIT = 300;

/**
 * `statusError` is the saved connection's last test failure, shown by the status card: when listing
 * the tables fails the same way, the panel points there instead of repeating the database's message.
 */
export function TableBrowser({ statusError }: { statusError: string | null }) {
  const { organizationId, isAdmin } = useOrganization();
  const listTables = useAction(api.private.dataSourceActions.listTables);
  const saved = useQuery(api.private.dataSources.listPolicies, { organizationId });
  const [tables, setTables] = useState<TableSummary[] | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(false);
  const [search, setSearch] = useState("");
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  const [selected, setSelected] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setFailure(null);
    try {
      setTables(await listTables({ organizationId }));
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setLoading(false);
    }
  }, [listTables, organizationId]);
  useEffect(() => {
    void load();
  }, [load]);

  // Saved policies are live; the catalog is fetched on demand.
  const policyOf = useMemo(() => {
    const map = new Map<string, Policy>();
    for (const p of saved ?? []) map.set(`${p.schema}.${p.table}`, p.policy);
    return (t: TableSummary): { policy: Policy; saved: boolean } => {
      const live = map.get(`${t.schema}.${t.name}`);
      return live
        ? { policy: live, saved: true }
        : saved === undefined
          ? { policy: t.policy, saved: t.policyIsSaved }
          : { policy: { kind: "private" }, saved: false };
    };
  }, [saved]);

  const groups = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const matching = (tables ?? []).filter(
      (t) =>
        needle === "" ||
        `${t.schema}.${t.name}`.toLowerCase().includes(needle) ||
        t.columns.some((c) => c.name.toLowerCase() === needle),
    );
    const shown = matching.slice(0, LIST_LIMIT);
    const bySchema = new Map<string, TableSummary[]>();
    for (const t of shown) bySchema.set(t.schema, [...(bySchema.get(t.schema) ?? []), t]);
    return { total: matching.length, bySchema: [...bySchema].sort(([a], [b]) => a.localeCompare(b)) };
  }, [tables, search]);

  const current = tables?.find((t) => `${t.schema}.${t.name}` === selected) ?? null;

  if (failure && tables === null) {
    const repeated = failure.message === statusError;
    return (
      <ErrorPanel
        title="Could not load the tables"
        error={repeated ? { ...failure, message: "The connection fails (see its status above)." } : failure}
        onRetry={() => void load()}
        testId="tables-error"
      />
    );
  }
  return (
    // Two columns only when the page's content area (not the window) has room for the detail beside
    // the list: at 1024 px, next to the sidebar, they stack.
    <div className="@container">
      <div className="grid gap-4 @5xl:grid-cols-[18rem_minmax(0,1fr)]">
        <Card className="gap-2 py-3">
          <div className="flex items-center gap-2 px-3">
            <div className="relative flex-1">
              <SearchIcon className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" />
              <Input
                aria-label="Search tables"
                placeholder="Search tables or a column"
                className="pl-8"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                data-testid="table-search"
              />
            </div>
            <Button
              variant="ghost"
              size="icon"
              onClick={() => void load()}
              disabled={loading}
              aria-label="Reload tables"
            >
              <RefreshCwIcon className={cn(loading && "animate-spin")} />
            </Button>
          </div>
          {isAdmin && tables !== null && (
            <div className="px-3">
              <ReviewSuggestions unsaved={tables.filter((t) => !policyOf(t).saved)} />
            </div>
          )}
          <div className="max-h-[65vh] overflow-y-auto px-1" data-testid="table-list">
            {tables === null ? (
              <div className="grid gap-2 p-2">
                {Array.from({ length: 8 }, (_, i) => (
                  <Skeleton key={i} className="h-7 w-full" />
                ))}
              </div>
            ) : groups.total === 0 ? (
              <p className="p-3 text-sm text-muted-foreground">
                {tables.length === 0
                  ? "This database has no tables the user can read."
                  : `No table matches “${search}”.`}
              </p>
            ) : (
              groups.bySchema.map(([schema, list]) => (
                <div key={schema} className="py-1">
                  <button
                    type="button"
                    className="flex w-full items-center gap-1 rounded px-2 py-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
                    aria-expanded={!collapsed[schema]}
                    onClick={() => setCollapsed({ ...collapsed, [schema]: !collapsed[schema] })}
                  >
                    <ChevronDownIcon
                      className={cn("size-3 transition-transform", collapsed[schema] && "-rotate-90")}
                    />
                    {schema}
                    <span className="ml-auto font-normal normal-case">{list.length}</span>
                  </button>
                  {!collapsed[schema] &&
                    list.map((t) => {
                      const key = `${t.schema}.${t.name}`;
                      return (
                        <button
                          key={key}
                          type="button"
                          data-testid={`table-${key}`}
                          aria-current={key === selected ? "true" : undefined}
                          onClick={() => setSelected(key)}
                          className={cn(
                            "flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50",
                            key === selected && "bg-accent font-medium",
                          )}
                        >
                          <TableIcon className="size-3.5 shrink-0 text-muted-foreground" />
                          <span className="min-w-0 flex-1 truncate">{t.name}</span>
                          <span className="shrink-0 text-xs text-muted-foreground tabular-nums">
                            <RowEstimate rows={t.estimatedRows} short />
                          </span>
                          <PolicyBadge policy={policyOf(t).policy} compact />
                        </button>
                      );
                    })}
                </div>
              ))
            )}
            {groups.total > LIST_LIMIT && (
              <p className="p-2 text-xs text-muted-foreground">
                Showing {LIST_LIMIT} of {formatCount(groups.total)} tables; search to narrow the list.
              </p>
            )}
          </div>
        </Card>
        {current === null ? (
          <EmptyState
            icon={TableIcon}
            title={tables === null ? "Loading the catalog…" : "Pick a table"}
            testId="no-table-selected"
          >
            Browse its rows, see its columns and choose who may see them: the widget only ever reads tables
            you made public or customer-scoped.
          </EmptyState>
        ) : (
          <TableDetail
            key={selected}
            table={current}
            tables={tables ?? []}
            isAdmin={isAdmin}
            policy={policyOf(current)}
          />
        )}
      </div>
    </div>
  );
}

function TableDetail({
  table,
  tables,
  isAdmin,
  policy,
}: {
  table: TableSummary;
  tables: TableSummary[];
  isAdmin: boolean;
  policy: { policy: Policy; saved: boolean };
}) {
  return (
    <Card className="min-w-0 gap-3 py-4" data-testid="table-detail">
      <div className="flex flex-wrap items-center gap-2 px-4">
        <h2 className="font-mono text-base font-semibold">
          {table.schema}.{table.name}
        </h2>
        <Badge variant="outline">{table.kind}</Badge>
        <span className="text-sm text-muted-foreground">
          {table.estimatedRows === null ? "Rows " : ""}
          <RowEstimate rows={table.estimatedRows} />
          {table.primaryKey.length > 0 && ` · key ${table.primaryKey.join(", ")}`}
        </span>
        <span className="ml-auto">
          <PolicyBadge policy={policy.policy} />
        </span>
      </div>
      {table.comment && <p className="px-4 text-sm text-muted-foreground">{table.comment}</p>}
      <Tabs defaultValue={isAdmin ? "preview" : "columns"} className="px-4">
        <TabsList>
          {isAdmin && (
            <TabsTrigger value="preview" data-testid="tab-preview">
              Preview
            </TabsTrigger>
          )}
          <TabsTrigger value="columns">Columns ({table.columns.length})</TabsTrigger>
          <TabsTrigger value="policy" data-testid="tab-policy">
            Access policy
          </TabsTrigger>
        </TabsList>
        {isAdmin && (
          <TabsContent value="preview">
            <DataGrid schema={table.schema} table={table.name} />
          </TabsContent>
        )}
        <TabsContent value="columns">
          <div className="overflow-x-auto rounded-md border">
            <table className="w-full text-sm">
              <thead className="bg-muted/50 text-left text-muted-foreground">
                <tr>
                  {["Column", "Type", "Nullable", "References"].map((label) => (
                    <th key={label} className="px-3 py-2 font-medium">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.columns.map((c) => {
                  const fk = table.foreignKeys.find((k) => k.columns.length === 1 && k.columns[0] === c.name);
                  return (
                    <tr key={c.name} className="border-t">
                      <td className="px-3 py-1.5 font-mono">
                        {c.name}
                        {table.primaryKey.includes(c.name) && (
                          <Badge variant="secondary" className="ml-2">
                            PK
                          </Badge>
                        )}
                      </td>
                      <td className="px-3 py-1.5 font-mono text-muted-foreground">{c.nativeType}</td>
                      <td className="px-3 py-1.5">{c.nullable ? "yes" : "no"}</td>
                      <td className="px-3 py-1.5 font-mono text-muted-foreground">
                        {fk
                          ? `${fk.references.schema}.${fk.references.name}.${fk.references.columns[0]}`
                          : ""}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </TabsContent>
        <TabsContent value="policy">
          <PolicyEditor table={table} tables={tables} current={policy} canEdit={isAdmin} />
        </TabsContent>
      </Tabs>
    </Card>
  );
}
