"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import { WebhookIcon } from "lucide-react";
import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { EmptyState } from "@/components/empty-state";
import { useOrganization } from "@/lib/organization";
import { EndpointCard } from "./endpoint-card";
import { EndpointForm } from "./endpoint-form";
import { SecretOnce } from "./secret-once";

/** The organization's endpoints, each with its deliveries, and the form that adds one. */
export function WebhookEndpoints() {
  const { organizationId } = useOrganization();
  const endpoints = useQuery(api.private.webhooks.list, { organizationId });
  const [newSecret, setNewSecret] = useState<string | null>(null);

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Add an endpoint</CardTitle>
          <CardDescription>
            Its signing secret is shown once, right after it is added. Private addresses (localhost, 10.x,
            192.168.x…) are refused unless the Answerbase operator allowed private networks for this
            organization.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {newSecret !== null && <SecretOnce secret={newSecret} onDone={() => setNewSecret(null)} />}
          <EndpointForm onCreated={setNewSecret} />
        </CardContent>
      </Card>
      {endpoints === undefined ? (
        <Skeleton className="h-40 w-full" />
      ) : endpoints.length === 0 ? (
        <EmptyState icon={WebhookIcon} title="No endpoints yet" testId="webhooks-empty">
          Add one above to receive events.
        </EmptyState>
      ) : (
        endpoints.map((endpoint) => <EndpointCard key={endpoint.endpointId} endpoint={endpoint} />)
      )}
    </div>
  );
}
