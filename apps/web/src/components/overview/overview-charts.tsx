import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { formatCount } from "@/lib/format";
import { LineChart } from "./line-chart";
import { OUTCOMES, formatMs, plural, type OverviewStats } from "./overview-format";
import { StackedBarChart } from "./stacked-bar-chart";

function period(stats: OverviewStats) {
  return `last ${stats.days} days`;
}

export function AnswersChart({ stats }: { stats: OverviewStats }) {
  const counts = OUTCOMES.map(
    ({ outcome, label }) => `${formatCount(stats.answers.byOutcome[outcome])} ${label}`,
  );
  return (
    <StackedBarChart
      testId="overview-chart-answers"
      label={`Answers per day, ${period(stats)}: ${plural(stats.answers.total, "answer")} (${counts.join(", ")}).`}
      caption={`Answers per day by outcome, ${period(stats)}`}
      yTitle="Answers"
      series={OUTCOMES.map(({ label, fill, swatch }) => ({ label, fill, swatch }))}
      days={stats.perDay.map((d) => ({
        day: d.day,
        values: OUTCOMES.map(({ outcome }) => d.answers[outcome]),
      }))}
    />
  );
}

export function LatencyChart({ stats }: { stats: OverviewStats }) {
  const { answer } = stats.latency;
  return (
    <LineChart
      testId="overview-chart-latency"
      label={`Answer time per day, ${period(stats)}: p50 ${formatMs(answer.p50)} and p95 ${formatMs(answer.p95)} over ${plural(answer.count, "answer")}.`}
      caption={`Answer time per day (p50 and p95), ${period(stats)}`}
      yTitle="ms"
      format={(ms) => formatMs(ms)}
      formatTick={(ms) => formatCount(ms, true)}
      series={[
        { label: "p95", stroke: "stroke-chart-2", fill: "fill-chart-2", swatch: "bg-chart-2" },
        { label: "p50", stroke: "stroke-chart-1", fill: "fill-chart-1", swatch: "bg-chart-1", dashed: true },
      ]}
      days={stats.perDay.map((d) => ({ day: d.day, values: [d.answerMs.p95, d.answerMs.p50] }))}
    />
  );
}

export function ConversationsChart({ stats }: { stats: OverviewStats }) {
  return (
    <StackedBarChart
      testId="overview-chart-conversations"
      width={320}
      label={`Conversations started per day, ${period(stats)}: ${plural(stats.conversations.total, "conversation")}.`}
      caption={`Conversations started per day, ${period(stats)}`}
      yTitle="Conversations"
      series={[{ label: "Conversations", fill: "fill-primary", swatch: "bg-primary" }]}
      days={stats.perDay.map((d) => ({ day: d.day, values: [d.conversations] }))}
    />
  );
}

/** How many answers each source gave, and how long each source's lookup took. */
export function LookupsBySource({ stats }: { stats: OverviewStats }) {
  const { byOutcome } = stats.answers;
  const rows = [
    { key: "database", label: "Database", count: byOutcome.database, timing: stats.latency.database },
    {
      key: "knowledge_base",
      label: "Knowledge base",
      count: byOutcome.knowledge_base,
      timing: stats.latency.knowledgeBase,
    },
    { key: "none", label: "Nothing found", count: byOutcome.none, timing: null },
  ];
  return (
    <ul className="grid divide-y" data-testid="overview-lookups">
      {rows.map((row) => (
        <li
          key={row.key}
          className="grid gap-0.5 py-2.5 first:pt-0"
          data-testid={`overview-lookups-${row.key}`}
          data-count={row.count}
        >
          <div className="flex items-baseline justify-between gap-3">
            <span className="font-medium">{row.label}</span>
            <span className="tabular-nums">{plural(row.count, "answer")}</span>
          </div>
          <p className="text-xs text-muted-foreground tabular-nums">
            {row.timing === null
              ? "Neither source had an answer"
              : row.timing.count === 0
                ? "No lookup timed yet"
                : `Lookup p50 ${formatMs(row.timing.p50)} · p95 ${formatMs(row.timing.p95)} over ${plural(row.timing.count, "lookup")}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function ChartCard({
  title,
  description,
  className,
  children,
}: {
  title: string;
  description: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export function ChartsSkeleton() {
  return (
    <div className="grid gap-4 lg:grid-cols-3" data-testid="overview-charts-loading">
      {[2, 1, 2, 1].map((span, i) => (
        <Card key={i} className={span === 2 ? "lg:col-span-2" : undefined}>
          <CardContent className="grid gap-3">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-48 w-full" />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
