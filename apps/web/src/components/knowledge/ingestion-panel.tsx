"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import type { FunctionReturnType } from "convex/server";
import { useAction, useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { DatabaseZapIcon, Loader2Icon, PauseIcon, PlayIcon, SquareIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Progress } from "@answerbase/ui/progress";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { EmptyState } from "@/components/empty-state";
import { errorInfo } from "@/lib/errors";
import { formatCount, timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

type Job = FunctionReturnType<typeof api.private.ingestion.list>["page"][number];
const ACTIVE = new Set(["queued", "running", "paused"]);

function JobStatus({ status }: { status: Job["status"] }) {
  const variant =
    status.kind === "done"
      ? "success"
      : status.kind === "failed"
        ? "destructive"
        : status.kind === "running"
          ? "default"
          : "secondary";
  return (
    <Badge variant={variant} data-testid="job-status">
      {status.kind === "running" && <Loader2Icon className="animate-spin" />}
      {status.kind}
    </Badge>
  );
}

const total = (job: Job, key: "rowsRead" | "rowsEmbedded" | "rowsUnchanged" | "errors") =>
  job.tables.reduce((sum, t) => sum + t[key], 0);

/** Rows read per second, from how the job's row count moved between updates (overall average once finished). */
function useRowsPerSecond(job: Job | undefined): number | null {
  const last = useRef<{ id: string; rows: number; at: number } | null>(null);
  const [rate, setRate] = useState<number | null>(null);
  const rows = job ? total(job, "rowsRead") : 0;
  useEffect(() => {
    if (!job) return;
    const now = Date.now();
    const previous = last.current;
    if (job.status.kind !== "running") {
      const seconds = ((job.finishedAt ?? job.heartbeatAt) - job._creationTime) / 1000;
      setRate(seconds > 0 ? rows / seconds : null);
    } else if (previous && previous.id === job._id && rows > previous.rows && now > previous.at) {
      setRate((rows - previous.rows) / ((now - previous.at) / 1000));
    }
    last.current = { id: job._id, rows, at: now };
  }, [job, rows]);
  return rate;
}

export function IngestionPanel() {
  const { organizationId, isAdmin } = useOrganization();
  const dataSource = useQuery(api.private.dataSources.get, { organizationId });
  const jobs = usePaginatedQuery(api.private.ingestion.list, { organizationId }, { initialNumItems: 10 });
  const listTables = useAction(api.private.dataSourceActions.listTables);
  const start = useMutation(api.private.ingestion.start);
  const pause = useMutation(api.private.ingestion.pause);
  const resume = useMutation(api.private.ingestion.resume);
  const cancel = useMutation(api.private.ingestion.cancel);
  const [estimates, setEstimates] = useState<Map<string, number>>(new Map());
  const [pending, setPending] = useState<string | null>(null);
  const current = jobs.results[0];
  const rate = useRowsPerSecond(current);

  // Estimated rows per table (from the catalog) give the progress bars their length.
  const hasDataSource = dataSource != null;
  useEffect(() => {
    if (!hasDataSource) return;
    listTables({ organizationId })
      .then((tables) =>
        setEstimates(new Map(tables.map((t) => [`${t.schema}.${t.name}`, t.estimatedRows ?? 0]))),
      )
      .catch((error: unknown) => console.warn("No row estimates for the progress bars", error));
  }, [hasDataSource, listTables, organizationId]);

  const run = async (label: string, call: () => Promise<unknown>) => {
    setPending(label);
    try {
      await call();
    } catch (error) {
      toast.error(`Could not ${label}: ${errorInfo(error).message}`);
    } finally {
      setPending(null);
    }
  };

  if (dataSource === undefined || jobs.status === "LoadingFirstPage")
    return <Skeleton className="h-32 w-full" />;
  if (dataSource === null) {
    return (
      <EmptyState icon={DatabaseZapIcon} title="No database connected" testId="ingestion-no-database">
        Connect your database on the Database page, make some tables public or customer-scoped, then ingest
        them here.
      </EmptyState>
    );
  }
  const active = current !== undefined && ACTIVE.has(current.status.kind);
  const jobId = current?._id as Id<"ingestionJobs">;
  return (
    <div className="grid gap-4" data-testid="ingestion-panel">
      <div className="flex flex-wrap items-center gap-2">
        {isAdmin && !active && (
          <Button
            onClick={() => void run("start ingestion", () => start({ organizationId }))}
            disabled={pending !== null}
            data-testid="start-ingestion"
          >
            {pending === "start ingestion" ? <Loader2Icon className="animate-spin" /> : <PlayIcon />} Start
            ingestion
          </Button>
        )}
        {isAdmin && current?.status.kind === "running" && (
          <Button
            variant="outline"
            onClick={() => void run("pause", () => pause({ organizationId, jobId }))}
            disabled={pending !== null}
            data-testid="pause-ingestion"
          >
            <PauseIcon /> Pause
          </Button>
        )}
        {isAdmin && current?.status.kind === "paused" && (
          <Button
            onClick={() => void run("resume", () => resume({ organizationId, jobId }))}
            disabled={pending !== null}
            data-testid="resume-ingestion"
          >
            <PlayIcon /> Resume
          </Button>
        )}
        {isAdmin && active && (
          <Button
            variant="outline"
            onClick={() => void run("cancel", () => cancel({ organizationId, jobId }))}
            disabled={pending !== null}
            data-testid="cancel-ingestion"
          >
            <SquareIcon /> Cancel
          </Button>
        )}
        <p className="text-sm text-muted-foreground">
          Reads the public and customer tables in batches; unchanged rows are not embedded again. Private
          tables are never read.
        </p>
      </div>
      {current === undefined ? (
        <EmptyState icon={DatabaseZapIcon} title="Nothing ingested yet" testId="ingestion-empty">
          Start an ingestion to put your public and customer rows into the knowledge base.
        </EmptyState>
      ) : (
        <div className="grid gap-3 rounded-lg border p-4" data-testid="current-job">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <JobStatus status={current.status} />
            <span data-testid="job-rows">{formatCount(total(current, "rowsRead"))} rows read</span>
            <span className="text-muted-foreground">
              {formatCount(total(current, "rowsEmbedded"))} embedded
            </span>
            <span className="text-muted-foreground">
              {formatCount(total(current, "rowsUnchanged"))} unchanged
            </span>
            <span className="text-muted-foreground" data-testid="job-rate">
              {rate === null ? "— rows/s" : `${formatCount(Math.round(rate))} rows/s`}
            </span>
            <span className="ml-auto text-muted-foreground">started {timeAgo(current._creationTime)}</span>
          </div>
          {current.status.kind === "failed" && (
            <p className="text-sm text-destructive">
              {current.status.error.message} ({current.status.error.code})
            </p>
          )}
          {current.tables.length === 0 && (
            <p className="text-sm text-muted-foreground">
              No public or customer tables: set access policies on the Database page first.
            </p>
          )}
          <ul className="grid gap-2">
            {current.tables.map((t) => {
              const key = `${t.schema}.${t.table}`;
              const estimate = estimates.get(key) ?? 0;
              const percent =
                t.phase === "done"
                  ? 100
                  : estimate > 0
                    ? Math.min(99, Math.round((t.rowsRead / estimate) * 100))
                    : null;
              return (
                <li key={key} className="grid gap-1 text-sm" data-testid="job-table" data-table={key}>
                  <div className="flex items-center gap-2">
                    <span className="font-mono">{key}</span>
                    <Badge variant={t.phase === "done" ? "success" : "outline"}>{t.phase}</Badge>
                    <span className="ml-auto text-xs text-muted-foreground tabular-nums">
                      {formatCount(t.rowsRead)}
                      {estimate > 0 && ` / ~${formatCount(estimate)}`} rows
                      {t.errors > 0 && <span className="text-destructive"> · {t.errors} errors</span>}
                    </span>
                  </div>
                  <Progress
                    value={
                      current.status.kind === "running" || t.phase === "done" || percent !== null
                        ? percent
                        : null
                    }
                    aria-label={`${key} progress`}
                  />
                </li>
              );
            })}
          </ul>
          {current.recentErrors.length > 0 && (
            <details className="text-sm">
              <summary className="cursor-pointer text-destructive">
                {current.recentErrors.length} recent errors
              </summary>
              <ul className="mt-2 grid gap-1 font-mono text-xs">
                {current.recentErrors.map((e, i) => (
                  <li key={i}>
                    {e.table}
                    {e.key ? ` ${e.key}` : ""}: {e.message} ({e.code})
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {jobs.results.length > 1 && (
        <div className="grid gap-2">
          <h3 className="text-sm font-medium">History</h3>
          <Table data-testid="job-history">
            <TableHeader>
              <TableRow>
                {["Started", "Status", "Tables"].map((label) => (
                  <TableHead key={label}>{label}</TableHead>
                ))}
                {["Rows read", "Embedded", "Errors", "Duration"].map((label) => (
                  <TableHead key={label} className="text-right">
                    {label}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {jobs.results.slice(1).map((job) => (
                <TableRow key={job._id}>
                  <TableCell>{timeAgo(job._creationTime)}</TableCell>
                  <TableCell>
                    <JobStatus status={job.status} />
                  </TableCell>
                  <TableCell>{job.tables.length}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatCount(total(job, "rowsRead"))}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatCount(total(job, "rowsEmbedded"))}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatCount(total(job, "errors"))}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {job.finishedAt
                      ? `${Math.max(1, Math.round((job.finishedAt - job._creationTime) / 1000))} s`
                      : "—"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {jobs.status === "CanLoadMore" && (
            <Button variant="outline" size="sm" className="w-fit" onClick={() => jobs.loadMore(10)}>
              Older jobs
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
