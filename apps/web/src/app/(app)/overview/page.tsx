"use client";

import { useState } from "react";
import { ErrorBoundary } from "@/components/error-boundary";
import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import type { Period } from "@/components/overview/overview-format";
import { PeriodPicker } from "@/components/overview/period-picker";
import { PageHeader } from "@/components/page-header";

export default function OverviewPage() {
  const [days, setDays] = useState<Period>(7);
  return (
    <>
      <PageHeader
        title="Overview"
        description="Conversations, answers and how fast they came, per day (UTC), from what the agent records for every reply."
        actions={<PeriodPicker value={days} onChange={setDays} />}
      />
      <ErrorBoundary title="The overview could not be loaded">
        <OverviewDashboard days={days} />
      </ErrorBoundary>
    </>
  );
}
