"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { AdminsOnly } from "@/components/admins-only";
import { ApiExamples } from "@/components/api/api-examples";
import { ApiKeysSection } from "@/components/api/api-keys-section";
import { RecentCalls } from "@/components/api/recent-calls";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";
import { useOrganization } from "@/lib/organization";

export default function ApiPage() {
  const { isAdmin } = useOrganization();
  return (
    <>
      <PageHeader
        title="API"
        description="Keys for the HTTP API (/v1): answers, lookups and conversations from n8n, a voice agent or your own server. Every call is in the audit log."
      />
      {isAdmin ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>API keys</CardTitle>
              <CardDescription>
                A key acts for this organization within its scopes, until revoked or expired.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ErrorBoundary title="The API keys could not be listed">
                <ApiKeysSection />
              </ErrorBoundary>
            </CardContent>
          </Card>
          <div className="grid items-start gap-6 xl:grid-cols-2">
            <Card>
              <CardHeader>
                <CardTitle>Recent calls</CardTitle>
                <CardDescription>The last 50 requests with this organization&apos;s keys.</CardDescription>
              </CardHeader>
              <CardContent>
                <ErrorBoundary title="The recent calls could not be listed">
                  <RecentCalls />
                </ErrorBoundary>
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Examples</CardTitle>
                <CardDescription>
                  One curl per endpoint; errors are application/problem+json with a stable code.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <ApiExamples />
              </CardContent>
            </Card>
          </div>
        </>
      ) : (
        <AdminsOnly what="API keys and their calls" />
      )}
    </>
  );
}
