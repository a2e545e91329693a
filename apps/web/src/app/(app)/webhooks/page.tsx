"use client";

import { AdminsOnly } from "@/components/admins-only";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";
import { WebhookEndpoints } from "@/components/webhooks/webhook-endpoints";
import { useOrganization } from "@/lib/organization";

export default function WebhooksPage() {
  const { isAdmin } = useOrganization();
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed HTTP POSTs to your systems when something happens: conversations, answers, ingestion, the database. Each is signed per Standard Webhooks and retried for about a day until your endpoint answers 2xx."
      />
      {isAdmin ? (
        <ErrorBoundary title="The webhook endpoints could not be listed">
          <WebhookEndpoints />
        </ErrorBoundary>
      ) : (
        <AdminsOnly what="Webhook endpoints and their deliveries" />
      )}
    </>
  );
}
