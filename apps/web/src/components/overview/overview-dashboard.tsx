"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import { LayoutDashboardIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { useOrganization } from "@/lib/organization";
import { useUtcDay } from "@/lib/use-utc-day";
import {
  AnswersChart,
  ChartCard,
  ChartsSkeleton,
  ConversationsChart,
  LatencyChart,
  LookupsBySource,
} from "./overview-charts";
import type { OverviewStats, Period } from "./overview-format";
import { SatisfactionPanel } from "./satisfaction-panel";
import { StatCards, StatCardsSkeleton } from "./stat-cards";

/** The chart cards in page order; a wide one spans two of the three columns on large screens. */
const CHARTS: {
  title: string;
  description: string;
  wide?: boolean;
  Chart: (props: { stats: OverviewStats }) => ReactNode;
}[] = [
  {
    title: "Answers per day",
    description:
      "What each answer was built from, or how the turn ended; widget, API and Playground together.",
    wide: true,
    Chart: AnswersChart,
  },
  {
    title: "Lookups by source",
    description: "Answers per source, and how long that source's lookups took (whichever source answered).",
    Chart: LookupsBySource,
  },
  {
    title: "Answer time per day",
    description: "From the customer's message to the saved reply: the median (p50) and the slowest 5% (p95).",
    wide: true,
    Chart: LatencyChart,
  },
  {
    title: "Conversations per day",
    description: "Conversations customers started in the widget or through the API.",
    Chart: ConversationsChart,
  },
];

/**
 * The numbers of the chosen period, live: a new answer or conversation updates them, and the days roll
 * over at midnight UTC. A failing query throws into the page's error boundary.
 */
export function OverviewDashboard({ days }: { days: Period }) {
  const { organizationId } = useOrganization();
  const today = useUtcDay();
  const stats = useQuery(api.private.overview.stats, { organizationId, days, today });

  if (stats === undefined)
    return (
      <div className="grid gap-6" data-testid="overview-loading">
        <StatCardsSkeleton />
        <ChartsSkeleton />
      </div>
    );

  if (stats.conversations.total === 0 && stats.answers.total === 0)
    return (
      <EmptyState icon={LayoutDashboardIcon} title="No conversations yet" testId="overview-empty">
        Nothing in the last {days} days.{" "}
        <Link href="/widget" className="font-medium text-foreground underline underline-offset-4">
          Embed the widget
        </Link>{" "}
        on your site or{" "}
        <Link href="/playground" className="font-medium text-foreground underline underline-offset-4">
          try the Playground
        </Link>
        : the numbers show here as answers arrive.
      </EmptyState>
    );

  return (
    <div className="grid gap-6" data-testid="overview" data-days={stats.days}>
      <StatCards stats={stats} />
      {stats.truncated && (
        <p className="text-sm text-muted-foreground" data-testid="overview-truncated">
          This period has more records than one view reads; the oldest days are left out. Choose a shorter
          period for complete numbers.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        {CHARTS.map(({ title, description, wide, Chart }) => (
          <ChartCard
            key={title}
            title={title}
            description={description}
            className={wide ? "lg:col-span-2" : undefined}
          >
            <Chart stats={stats} />
          </ChartCard>
        ))}
      </div>
      <SatisfactionPanel days={days} />
    </div>
  );
}
