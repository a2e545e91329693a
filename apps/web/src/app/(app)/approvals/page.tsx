"use client";

import { ApprovalHistory } from "@/components/approvals/approval-history";
import { ApprovalQueue } from "@/components/approvals/approval-queue";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";

export default function ApprovalsPage() {
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Actions the agent asked to run that wait for a person: approve or reject each with a reason. The agent tells the customer in the same conversation."
      />
      <ErrorBoundary title="The pending requests could not be listed">
        <ApprovalQueue />
      </ErrorBoundary>
      <ErrorBoundary title="The decided requests could not be listed">
        <ApprovalHistory />
      </ErrorBoundary>
    </>
  );
}
