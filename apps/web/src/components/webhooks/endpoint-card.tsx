"use client";

import { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";
import { useMutation } from "convex/react";
import { KeyRoundIcon, PowerIcon, SendIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { toast } from "@answerbase/ui/sonner";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorPanel } from "@/components/error-panel";
import { PendingIcon } from "@/components/pending-icon";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { DeliveriesTable } from "./deliveries-table";
import { SecretOnce } from "./secret-once";

export type EndpointView = FunctionReturnType<typeof api.private.webhooks.list>[number];

/** One endpoint: its status (and why it was disabled), actions, and its deliveries. */
export function EndpointCard({ endpoint }: { endpoint: EndpointView }) {
  const { organizationId } = useOrganization();
  const setEnabled = useMutation(api.private.webhooks.setEnabled);
  const rotate = useMutation(api.private.webhooks.rotateSecret);
  const remove = useMutation(api.private.webhooks.remove);
  const sendTest = useMutation(api.private.webhooks.sendTest);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const { endpointId, status } = endpoint;

  const run = (name: string, work: () => Promise<unknown>) => async () => {
    setPending(name);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(null);
    }
  };

  return (
    <Card data-testid="webhook-endpoint" data-url={endpoint.url}>
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="grid min-w-0 gap-1">
            <CardTitle className="truncate font-mono text-sm" data-testid="webhook-endpoint-url">
              {endpoint.url}
            </CardTitle>
            <CardDescription>
              {endpoint.description || "No description"} · {endpoint.eventTypes.join(", ")} · secret set{" "}
              {timeAgo(endpoint.secretRotatedAt)}
              {endpoint.previousSecretRetiresAt !== null && (
                <span data-testid="webhook-previous-secret">
                  {" "}
                  · the previous secret also signs until{" "}
                  {new Date(endpoint.previousSecretRetiresAt).toLocaleString()}
                </span>
              )}
            </CardDescription>
          </div>
          {status.kind === "enabled" ? (
            <Badge variant="success" data-testid="webhook-endpoint-status" data-status="enabled">
              Enabled
              {endpoint.failingSince !== null ? ` · failing since ${timeAgo(endpoint.failingSince)}` : ""}
            </Badge>
          ) : (
            <Badge variant="destructive" data-testid="webhook-endpoint-status" data-status="disabled">
              Disabled
            </Badge>
          )}
        </div>
      </CardHeader>
      <CardContent className="grid gap-4">
        {status.kind === "disabled" && status.reason === "failing" && (
          <div
            role="alert"
            className="rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm"
            data-testid="webhook-endpoint-notice"
          >
            {status.message}
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={pending !== null || status.kind !== "enabled"}
            data-testid="webhook-send-test"
            onClick={() =>
              void run("test", async () => {
                await sendTest({ organizationId, endpointId });
                toast.success("Test event sent: its delivery is listed below.");
              })()
            }
          >
            <PendingIcon pending={pending === "test"} icon={SendIcon} /> Send test event
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={pending !== null}
            data-testid="webhook-toggle"
            onClick={() =>
              void run("toggle", () =>
                setEnabled({ organizationId, endpointId, enabled: status.kind !== "enabled" }),
              )()
            }
          >
            <PendingIcon pending={pending === "toggle"} icon={PowerIcon} />{" "}
            {status.kind === "enabled" ? "Disable" : "Enable"}
          </Button>
          <ConfirmButton
            variant="outline"
            size="sm"
            disabled={pending !== null}
            data-testid="webhook-rotate"
            question="Rotate the signing secret?"
            description="The new secret is shown once. For 24 hours requests carry two signatures, one with the new secret and one with the current one, so your receiver keeps working while you switch it over."
            confirmLabel="Rotate secret"
            confirmTestId="webhook-rotate-confirm"
            onConfirm={run("rotate", async () =>
              setSecret((await rotate({ organizationId, endpointId })).secret),
            )}
          >
            <PendingIcon pending={pending === "rotate"} icon={KeyRoundIcon} /> Rotate secret
          </ConfirmButton>
          <ConfirmButton
            variant="outline"
            size="sm"
            disabled={pending !== null}
            data-testid="webhook-delete"
            question="Delete this endpoint?"
            description="Its secret and its delivery history are deleted; pending retries stop."
            confirmLabel="Delete endpoint"
            confirmTestId="webhook-delete-confirm"
            onConfirm={run("delete", () => remove({ organizationId, endpointId }))}
          >
            <PendingIcon pending={pending === "delete"} icon={Trash2Icon} /> Delete
          </ConfirmButton>
        </div>
        {failure && <ErrorPanel title="That did not work" error={failure} testId="webhook-endpoint-error" />}
        {secret !== null && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
        <DeliveriesTable endpointId={endpointId} canReplay={status.kind === "enabled"} />
      </CardContent>
    </Card>
  );
}
