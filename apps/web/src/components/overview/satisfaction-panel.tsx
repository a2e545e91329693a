"use client";

import { api } from "@answerbase/backend/api";
import { Skeleton } from "@answerbase/ui/skeleton";
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { formatCount } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { useUtcDay } from "@/lib/use-utc-day";
import { LineChart } from "./line-chart";
import { ChartCard } from "./overview-charts";
import { formatPercent, plural, type Period } from "./overview-format";

type SatisfactionStats = FunctionReturnType<typeof api.private.satisfaction.stats>;
type Duration = SatisfactionStats["escalations"]["firstResponseMs"];

/** "42 s", "7 min", "3.5 h", "2.1 d": a wait as a support lead reads it. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

function DurationRow({ label, duration, testId }: { label: string; duration: Duration; testId: string }) {
  return (
    <li className="grid gap-0.5 py-2.5 first:pt-0" data-testid={testId} data-count={duration.count}>
      <div className="flex items-baseline justify-between gap-3">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums" data-testid={`${testId}-p50`} data-value={duration.p50 ?? ""}>
          p50 {formatDuration(duration.p50)}
        </span>
      </div>
      <p className="text-xs text-muted-foreground tabular-nums">
        {duration.count === 0
          ? "None yet in this period"
          : `p90 ${formatDuration(duration.p90)} over ${plural(duration.count, "escalation")}`}
      </p>
    </li>
  );
}

/**
 * Customer satisfaction and escalation times on the Overview: the widget's 1–5 ratings (CSAT = share of
 * 4s and 5s) per UTC day, and how long escalations raised by customers or the agent waited for a person.
 */
export function SatisfactionPanel({ days }: { days: Period }) {
  const { organizationId } = useOrganization();
  const today = useUtcDay();
  const stats = useQuery(api.private.satisfaction.stats, { organizationId, days, today });
  if (stats === undefined) return <Skeleton className="h-64 w-full" data-testid="satisfaction-loading" />;
  const { escalations } = stats;
  return (
    <div className="grid gap-4 lg:grid-cols-3" data-testid="satisfaction" data-ratings={stats.ratings}>
      <ChartCard
        title="Customer satisfaction per day"
        description="Share of ratings of 4 or 5 (out of 5) customers gave in the widget after a resolution."
        className="lg:col-span-2"
      >
        <p className="mb-3 text-sm" data-testid="satisfaction-csat" data-value={stats.csat ?? ""}>
          <span className="text-3xl font-semibold tabular-nums">{formatPercent(stats.csat)}</span>{" "}
          <span className="text-muted-foreground">
            {stats.ratings === 0
              ? "No rating in this period"
              : `CSAT from ${plural(stats.ratings, "rating")}, average ${stats.averageScore?.toFixed(1)} of 5`}
          </span>
        </p>
        <LineChart
          testId="satisfaction-chart"
          label={`Customer satisfaction per day, last ${stats.days} days: ${formatPercent(stats.csat)} over ${plural(stats.ratings, "rating")}.`}
          caption={`CSAT per day, last ${stats.days} days`}
          yTitle="%"
          format={(value) => `${Math.round(value)}%`}
          series={[{ label: "CSAT", stroke: "stroke-success", fill: "fill-success", swatch: "bg-success" }]}
          days={stats.perDay.map((d) => ({ day: d.day, values: [d.csat === null ? null : d.csat * 100] }))}
        />
      </ChartCard>
      <ChartCard
        title="Escalations"
        description="Raised by customers or the agent in this period: time to an operator's first reply and to resolution."
      >
        <p
          className="mb-3 text-sm text-muted-foreground"
          data-testid="satisfaction-escalations"
          data-value={escalations.total}
        >
          {plural(escalations.total, "escalation")}, {formatCount(escalations.awaitingResponse)} still waiting
          for a reply
        </p>
        <ul className="grid divide-y">
          <DurationRow
            label="First response"
            duration={escalations.firstResponseMs}
            testId="satisfaction-first-response"
          />
          <DurationRow
            label="Resolution"
            duration={escalations.resolutionMs}
            testId="satisfaction-resolution"
          />
        </ul>
      </ChartCard>
    </div>
  );
}
