"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import { DatabaseIcon } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { ConnectWizard } from "@/components/database/connect-wizard";
import { NamedLookupsSection } from "@/components/database/named-lookups/named-lookups-section";
import { StatusCard } from "@/components/database/status-card";
import { TableBrowser } from "@/components/database/table-browser";
import { EmptyState } from "@/components/empty-state";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";
import { useOrganization } from "@/lib/organization";

export default function DatabasePage() {
  const { organizationId, isAdmin } = useOrganization();
  const dataSource = useQuery(api.private.dataSources.get, { organizationId });
  const [editing, setEditing] = useState(false);

  return (
    <>
      <PageHeader
        title="Database"
        description="Connect your database, check it, browse its tables, decide who may see which rows and write named lookups for the agent."
      />
      {dataSource === undefined ? (
        <Skeleton className="h-40 w-full" data-testid="database-loading" />
      ) : dataSource === null || editing ? (
        isAdmin ? (
          <Card>
            <CardHeader>
              <CardTitle>{dataSource === null ? "Connect your database" : "Change the connection"}</CardTitle>
              <CardDescription>
                Answerbase reads it, never writes: customers get answers from live rows, scoped to what you
                allow.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ConnectWizard
                initialProvider={editing && dataSource ? dataSource.provider : undefined}
                onDone={() => setEditing(false)}
                onCancel={editing ? () => setEditing(false) : undefined}
              />
            </CardContent>
          </Card>
        ) : (
          <EmptyState icon={DatabaseIcon} title="No database connected">
            An admin or owner of this organization can connect one.
          </EmptyState>
        )
      ) : (
        <>
          <StatusCard dataSource={dataSource} onEdit={() => setEditing(true)} />
          <ErrorBoundary title="The table browser failed">
            <TableBrowser
              key={dataSource.updatedAt}
              statusError={dataSource.status.kind === "failing" ? dataSource.status.error.message : null}
            />
          </ErrorBoundary>
          <ErrorBoundary title="The named lookups failed">
            <Suspense>
              <NamedLookups />
            </Suspense>
          </ErrorBoundary>
        </>
      )}
    </>
  );
}

/** `?lookupSql=` (the SQL page's "Save as named lookup") opens the editor pre-filled. */
function NamedLookups() {
  const prefillSql = useSearchParams().get("lookupSql");
  return <NamedLookupsSection prefillSql={prefillSql} />;
}
