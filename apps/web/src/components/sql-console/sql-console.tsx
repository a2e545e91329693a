"use client";

import { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";
import { useAction, useQuery } from "convex/react";
import {
  BookmarkPlusIcon,
  ChevronLeftIcon,
  ChevronRightIcon,
  Loader2Icon,
  PlayIcon,
  RouteIcon,
  SparklesIcon,
  SquareIcon,
} from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { ResultGrid } from "@/components/database/result-grid";
import { ErrorPanel } from "@/components/error-panel";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import { placeholderCount } from "@/lib/sql-placeholders";
import { AskAnswer, AskInEnglish, type AskAnswered } from "./ask-in-english";
import { catalogNamespace, lineAndColumn } from "./catalog";
import { ExportCsv } from "./export-csv";
import { HistoryList } from "./history-list";
import { SqlEditor, type CatalogNamespace } from "./sql-editor";

type Page = FunctionReturnType<typeof api.private.sqlConsoleActions.run>;

/** The backend accepts these page sizes (sqlConsole/validators.ts); 500 is the connector's cap. */
const PAGE_SIZES = [50, 100, 500] as const;

/** What ran last: enough to fetch another page of the same statement. */
interface Ran {
  sql: string;
  params: string[];
  explain: boolean;
  page: number;
}

/**
 * The SQL page: an editor completing the organization's catalog, results one page at a time in the
 * Database page's grid, the database's own errors with their position, EXPLAIN, cancel, and the
 * admin's history.
 */
export function SqlConsole() {
  const { organizationId } = useOrganization();
  const runAction = useAction(api.private.sqlConsoleActions.run);
  const cancelAction = useAction(api.private.sqlConsoleActions.cancel);
  const answerAction = useAction(api.private.sqlConsoleActions.runAndAnswerQuestion);
  const listTables = useAction(api.private.dataSourceActions.listTables);
  const dataSource = useQuery(api.private.dataSources.get, { organizationId });

  const [sql, setSql] = useState("");
  const [params, setParams] = useState<string[]>([]);
  const [pageSize, setPageSize] = useState<number>(50);
  const [catalog, setCatalog] = useState<CatalogNamespace>({});
  const [result, setResult] = useState<Page | null>(null);
  const [ran, setRan] = useState<Ran | null>(null);
  const [runningId, setRunningId] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [failedSql, setFailedSql] = useState("");
  const [cancelNote, setCancelNote] = useState<string | null>(null);
  const [elapsedMs, setElapsedMs] = useState<number | null>(null);
  const [jumpTo, setJumpTo] = useState<{ position: number } | null>(null);
  const latest = useRef<string | null>(null);
  /** The question whose SQL the model drafted into the editor; "Run and answer" answers it. */
  const [question, setQuestion] = useState<string | null>(null);
  const [answer, setAnswer] = useState<AskAnswered | null>(null);

  useEffect(() => {
    let live = true;
    listTables({ organizationId }).then(
      (tables) => live && setCatalog(catalogNamespace(tables)),
      () => undefined, // completion is a convenience: without the catalog the editor still works
    );
    return () => {
      live = false;
    };
  }, [listTables, organizationId]);

  const count = placeholderCount(sql);
  const cannotCancel = dataSource?.provider === "aurora_data_api";

  const execute = useCallback(
    async (next: Ran, asked?: string) => {
      const runId = crypto.randomUUID();
      latest.current = runId;
      setRunningId(runId);
      setFailure(null);
      setCancelNote(null);
      setAnswer(null);
      const started = performance.now();
      const bound = next.params.map((value) => (value === "" ? null : value));
      try {
        let page: Page;
        if (asked === undefined) {
          page = await runAction({
            organizationId,
            sql: next.sql,
            params: bound,
            pageSize,
            page: next.page,
            explain: next.explain,
            runId,
          });
        } else {
          const { page: first, ...answered } = await answerAction({
            organizationId,
            question: asked,
            sql: next.sql,
            params: bound,
            pageSize,
            runId,
          });
          page = first;
          if (latest.current === runId) setAnswer(answered);
        }
        if (latest.current !== runId) return;
        setResult(page);
        setRan(next);
        setElapsedMs(Math.round(performance.now() - started));
      } catch (error) {
        if (latest.current !== runId) return;
        const info = errorInfo(error);
        setFailure(info);
        setFailedSql(next.sql);
        if (info.position !== undefined) setJumpTo({ position: info.position });
      } finally {
        if (latest.current === runId) setRunningId(null);
      }
    },
    [runAction, answerAction, organizationId, pageSize],
  );

  const run = (explain: boolean, asked?: string) => {
    if (sql.trim() === "" || runningId !== null) return;
    const next = { sql, params: Array.from({ length: count }, (_, i) => params[i] ?? ""), explain, page: 0 };
    void execute(next, asked);
  };

  const cancel = async () => {
    if (runningId === null) return;
    try {
      const stopped = await cancelAction({ organizationId, runId: runningId });
      if (!stopped) setCancelNote("The query had already finished.");
    } catch (error) {
      setCancelNote(errorInfo(error).message);
    }
  };

  const range = useMemo(() => {
    if (result === null || ran === null) return null;
    if (ran.explain) return `Query plan, ${result.rows.length} lines`;
    if (result.rows.length === 0) return ran.page === 0 ? "No rows" : "No more rows";
    const first = ran.page * pageSize + 1;
    return `Rows ${first}–${first + result.rows.length - 1}${result.hasMore ? " (more on the next page)" : ""}`;
  }, [result, ran, pageSize]);

  const where = failure?.position !== undefined ? lineAndColumn(failedSql, failure.position) : null;

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="grid min-w-0 content-start gap-4">
        <Card>
          <CardContent className="grid gap-3">
            <AskInEnglish
              onDraft={(asked, drafted) => {
                setSql(drafted);
                setQuestion(asked);
                setAnswer(null);
                setJumpTo(null);
              }}
            />
            <SqlEditor
              value={sql}
              onChange={setSql}
              onRun={() => run(false)}
              catalog={catalog}
              jumpTo={jumpTo}
            />
            {count > 0 && (
              <div className="grid gap-2 sm:grid-cols-2" data-testid="sql-params">
                {Array.from({ length: count }, (_, i) => (
                  <label key={i} className="grid gap-1 text-xs text-muted-foreground">
                    ${i + 1}
                    <Input
                      value={params[i] ?? ""}
                      onChange={(e) =>
                        setParams((list) => {
                          const copy = [...list];
                          copy[i] = e.target.value;
                          return copy;
                        })
                      }
                      placeholder="empty is NULL"
                      data-testid={`sql-param-${i + 1}`}
                    />
                  </label>
                ))}
              </div>
            )}
            <div className="flex flex-wrap items-center gap-2">
              <Button onClick={() => run(false)} disabled={runningId !== null} data-testid="sql-run">
                <PlayIcon /> Run
              </Button>
              {question !== null && (
                <Button
                  variant="outline"
                  onClick={() => run(false, question)}
                  disabled={runningId !== null}
                  title={`Runs the statement, then answers: ${question}`}
                  data-testid="sql-ask-run"
                >
                  <SparklesIcon /> Run and answer
                </Button>
              )}
              <Button
                variant="outline"
                onClick={() => run(true)}
                disabled={runningId !== null}
                data-testid="sql-explain"
              >
                <RouteIcon /> EXPLAIN
              </Button>
              {runningId !== null && (
                <Button variant="outline" onClick={() => void cancel()} data-testid="sql-cancel">
                  <SquareIcon /> Cancel
                </Button>
              )}
              {count > 0 && (
                <Button variant="ghost" asChild data-testid="sql-save-lookup">
                  <Link href={`/database?lookupSql=${encodeURIComponent(sql)}#named-lookups`}>
                    <BookmarkPlusIcon /> Save as named lookup
                  </Link>
                </Button>
              )}
              <span className="text-xs text-muted-foreground">Ctrl/⌘ + Enter runs</span>
              <label className="ml-auto flex items-center gap-1 text-xs text-muted-foreground">
                Rows per page
                <select
                  className="h-8 rounded-md border bg-background px-1 text-sm"
                  value={pageSize}
                  onChange={(e) => setPageSize(Number(e.target.value))}
                  data-testid="sql-page-size"
                >
                  {PAGE_SIZES.map((size) => (
                    <option key={size} value={size}>
                      {size}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p className="text-xs text-muted-foreground">
              Read-only: one SELECT at a time, checked before it runs, in a read-only transaction that stops
              after 30 seconds.{" "}
              {cannotCancel &&
                "This database is reached through the Aurora Data API, which cannot cancel a running query: it stops at that timeout."}
            </p>
            {runningId !== null && (
              <p className="flex items-center gap-2 text-sm text-muted-foreground" data-testid="sql-running">
                <Loader2Icon className="size-4 animate-spin" /> Running…
              </p>
            )}
            {cancelNote && (
              <p className="text-sm text-muted-foreground" data-testid="sql-cancel-note">
                {cancelNote}
              </p>
            )}
          </CardContent>
        </Card>
        {failure && (
          <ErrorPanel title="The query failed" error={failure} testId="sql-error">
            {(failure.sqlState !== undefined || where !== null) && (
              <p className="font-mono text-xs" data-testid="sql-error-position">
                {failure.sqlState !== undefined && `SQLSTATE ${failure.sqlState}`}
                {failure.sqlState !== undefined && where !== null && " · "}
                {where !== null && `line ${where.line}, column ${where.column}`}
              </p>
            )}
          </ErrorPanel>
        )}
        {answer !== null && question !== null && <AskAnswer question={question} answered={answer} />}
        {result !== null && ran !== null && (
          <Card>
            <CardHeader>
              <CardTitle className="flex flex-wrap items-center gap-2 text-sm font-normal">
                <span data-testid="sql-range">{range}</span>
                <span className="text-xs text-muted-foreground" data-testid="sql-duration">
                  database {Math.round(result.durationMs)} ms
                  {elapsedMs !== null && ` · ${elapsedMs} ms end to end`}
                </span>
                {!ran.explain && <ExportCsv sql={ran.sql} params={ran.params} />}
                {!ran.explain && (
                  <span className="ml-auto flex gap-1">
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={runningId !== null || ran.page === 0}
                      onClick={() => void execute({ ...ran, page: ran.page - 1 })}
                      data-testid="sql-previous"
                    >
                      <ChevronLeftIcon /> Previous
                    </Button>
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={runningId !== null || !result.hasMore}
                      onClick={() => void execute({ ...ran, page: ran.page + 1 })}
                      data-testid="sql-next"
                    >
                      Next <ChevronRightIcon />
                    </Button>
                  </span>
                )}
              </CardTitle>
            </CardHeader>
            <CardContent data-testid="sql-result">
              <ResultGrid columns={result.columns} rows={result.rows} loading={runningId !== null} />
            </CardContent>
          </Card>
        )}
      </div>
      <Card className="content-start">
        <CardHeader>
          <CardTitle className="text-sm">History</CardTitle>
        </CardHeader>
        <CardContent>
          <HistoryList
            onPick={(picked) => {
              setSql(picked);
              setQuestion(null);
              setJumpTo(null);
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
