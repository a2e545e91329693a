"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation, usePaginatedQuery } from "convex/react";
import { RotateCcwIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { toast } from "@answerbase/ui/sonner";
import { PendingIcon } from "@/components/pending-icon";
import { errorInfo } from "@/lib/errors";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

const PAGE_SIZE = 10;

/** The endpoint's deliveries, newest first: status, HTTP code, duration, attempts, next attempt, response. */
export function DeliveriesTable({
  endpointId,
  canReplay,
}: {
  endpointId: Id<"webhookEndpoints">;
  canReplay: boolean;
}) {
  const { organizationId } = useOrganization();
  const { results, status, loadMore } = usePaginatedQuery(
    api.private.webhooks.deliveries,
    { organizationId, endpointId },
    { initialNumItems: PAGE_SIZE },
  );
  const replay = useMutation(api.private.webhooks.replay);
  const [replaying, setReplaying] = useState<string | null>(null);

  const replayOne = async (deliveryId: Id<"webhookDeliveries">) => {
    setReplaying(deliveryId);
    try {
      await replay({ organizationId, deliveryId });
      toast.success("Sent again with the same webhook-id.");
    } catch (error) {
      toast.error(errorInfo(error).message);
    } finally {
      setReplaying(null);
    }
  };

  if (status === "LoadingFirstPage") return null;
  if (results.length === 0)
    return (
      <p className="text-sm text-muted-foreground" data-testid="webhook-deliveries-empty">
        No deliveries yet. Send a test event to try the endpoint.
      </p>
    );
  return (
    <div className="grid gap-2">
      <Table data-testid="webhook-deliveries">
        <TableHeader>
          <TableRow>
            <TableHead>Event</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>HTTP</TableHead>
            <TableHead>Duration</TableHead>
            <TableHead>Attempts</TableHead>
            <TableHead>Response</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {results.map((delivery) => {
            const outcome = delivery.lastAttempt?.outcome;
            return (
              <TableRow
                key={delivery.deliveryId}
                data-testid="webhook-delivery"
                data-status={delivery.status.kind}
                data-webhook-id={delivery.webhookId}
              >
                <TableCell className="font-mono text-xs">
                  {delivery.eventType}
                  <span className="block text-muted-foreground">{timeAgo(delivery.createdAt)}</span>
                </TableCell>
                <TableCell>
                  {delivery.status.kind === "succeeded" ? (
                    <Badge variant="success">Delivered</Badge>
                  ) : delivery.status.kind === "failed" ? (
                    <Badge variant="destructive" title={delivery.status.reason}>
                      Failed
                    </Badge>
                  ) : (
                    <Badge variant="warning">
                      Pending · next {new Date(delivery.status.nextAttemptAt).toLocaleTimeString()}
                    </Badge>
                  )}
                </TableCell>
                <TableCell data-testid="webhook-delivery-http">
                  {outcome?.kind === "response" ? outcome.httpStatus : outcome ? outcome.code : "—"}
                </TableCell>
                <TableCell>{delivery.lastAttempt ? `${delivery.lastAttempt.durationMs} ms` : "—"}</TableCell>
                <TableCell>{delivery.attempts}</TableCell>
                <TableCell className="max-w-64">
                  <span
                    className="line-clamp-2 font-mono text-xs break-all"
                    data-testid="webhook-delivery-response"
                  >
                    {outcome?.kind === "response" ? outcome.excerpt : (outcome?.message ?? "")}
                  </span>
                </TableCell>
                <TableCell>
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={!canReplay || replaying !== null || delivery.status.kind === "pending"}
                    onClick={() => void replayOne(delivery.deliveryId)}
                    data-testid="webhook-delivery-replay"
                  >
                    <PendingIcon pending={replaying === delivery.deliveryId} icon={RotateCcwIcon} /> Replay
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {status === "CanLoadMore" && (
        <Button
          variant="outline"
          size="sm"
          className="justify-self-start"
          onClick={() => loadMore(PAGE_SIZE)}
        >
          Show more
        </Button>
      )}
    </div>
  );
}
