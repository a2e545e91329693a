import type { ReactNode } from "react";
import { Card, CardContent, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { formatCount } from "@/lib/format";
import { formatMs, formatPercent, plural, share, type OverviewStats } from "./overview-format";

function StatCard({
  title,
  value,
  detail,
  testId,
  raw,
}: {
  title: string;
  value: string;
  detail: ReactNode;
  testId: string;
  /** The unformatted number, for tests (empty when there is none). */
  raw: number | null;
}) {
  return (
    <Card className="gap-2" data-testid={testId} data-value={raw ?? ""}>
      <CardHeader>
        <CardTitle className="text-sm font-medium text-muted-foreground">{title}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-1">
        <p className="text-3xl font-semibold tabular-nums" data-testid={`${testId}-value`}>
          {value}
        </p>
        <p className="text-xs text-muted-foreground">{detail}</p>
      </CardContent>
    </Card>
  );
}

/** The four numbers at the top: conversations, resolution rate, database share, p95 latency. */
export function StatCards({ stats }: { stats: OverviewStats }) {
  const { conversations, answers, latency } = stats;
  const fromDatabase = share(answers.byOutcome.database, answers.total);
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <StatCard
        title="Conversations"
        value={formatCount(conversations.total)}
        raw={conversations.total}
        testId="overview-card-conversations"
        detail={`${formatCount(conversations.unresolved)} unresolved · ${formatCount(conversations.escalated)} escalated · ${formatCount(conversations.resolved)} resolved`}
      />
      <StatCard
        title="Resolution rate"
        value={formatPercent(conversations.resolutionRate)}
        raw={conversations.resolutionRate}
        testId="overview-card-resolution"
        detail={
          conversations.total === 0
            ? "No conversation started in this period"
            : `${formatCount(conversations.resolved)} of ${plural(conversations.total, "conversation")} resolved`
        }
      />
      <StatCard
        title="Answers from the database"
        value={formatPercent(fromDatabase)}
        raw={fromDatabase}
        testId="overview-card-database"
        detail={
          <span data-testid="overview-answers-total" data-value={answers.total}>
            {formatCount(answers.byOutcome.database)} of {plural(answers.total, "answer")} (
            {formatCount(answers.api)} through the API, {formatCount(answers.playground)} from the Playground)
          </span>
        }
      />
      <StatCard
        title="p95 answer time"
        value={formatMs(latency.answer.p95)}
        raw={latency.answer.p95}
        testId="overview-card-latency"
        detail={`p50 ${formatMs(latency.answer.p50)}, from the customer's message to the saved reply`}
      />
    </div>
  );
}

export function StatCardsSkeleton() {
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {Array.from({ length: 4 }, (_, i) => (
        <Card key={i} className="gap-3">
          <CardContent className="grid gap-3">
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-8 w-20" />
            <Skeleton className="h-3 w-40" />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
