"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import { DatabaseIcon } from "lucide-react";
import { Skeleton } from "@answerbase/ui/skeleton";
import { AdminsOnly } from "@/components/admins-only";
import { EmptyState } from "@/components/empty-state";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";
import { SqlConsole } from "@/components/sql-console/sql-console";
import { useOrganization } from "@/lib/organization";

export default function SqlPage() {
  const { organizationId, isAdmin } = useOrganization();
  const dataSource = useQuery(api.private.dataSources.get, isAdmin ? { organizationId } : "skip");
  return (
    <>
      <PageHeader
        title="SQL"
        description="Query your connected database directly: read-only SELECTs, checked by the same guard as the agent's, one page at a time. Every query is audited with its duration and row count."
      />
      {!isAdmin ? (
        <AdminsOnly what="The SQL console and its history" />
      ) : dataSource === undefined ? (
        <Skeleton className="h-40 w-full" />
      ) : dataSource === null ? (
        <EmptyState icon={DatabaseIcon} title="No database connected" testId="sql-no-database">
          Connect one on the Database page first.
        </EmptyState>
      ) : (
        <ErrorBoundary title="The SQL console failed">
          <SqlConsole />
        </ErrorBoundary>
      )}
    </>
  );
}
