"use client";

import { Card, CardContent } from "@answerbase/ui/card";
import { AdminsOnly } from "@/components/admins-only";
import { AuditLog } from "@/components/audit/audit-log";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";
import { useOrganization } from "@/lib/organization";

export default function AuditPage() {
  const { isAdmin } = useOrganization();
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every access to your data source: who or what, which operation and table, how many rows, how long, and the outcome. Names, counts and timings only: never row values or secrets."
      />
      {isAdmin ? (
        <Card>
          <CardContent>
            <ErrorBoundary title="The audit log could not be listed">
              <AuditLog />
            </ErrorBoundary>
          </CardContent>
        </Card>
      ) : (
        <AdminsOnly what="The audit log and its entries" />
      )}
    </>
  );
}
