"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation, useQuery } from "convex/react";
import { BadgeCheckIcon, CheckIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Input } from "@answerbase/ui/input";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { EmptyState } from "@/components/empty-state";
import { errorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import { ApprovalRow } from "./approval-row";

type RunId = Id<"actionRuns">;

/** The pending requests, most urgent first (priority, then the oldest), with bulk decisions. */
export function ApprovalQueue() {
  const { organizationId } = useOrganization();
  const pending = useQuery(api.private.approvals.listPending, { organizationId });
  const decideOne = useMutation(api.private.approvals.decide);
  const decideMany = useMutation(api.private.approvals.decideMany);
  const [selected, setSelected] = useState<ReadonlySet<RunId>>(new Set());
  const [bulkReason, setBulkReason] = useState("");
  const [bulkPending, setBulkPending] = useState(false);

  // The backend lists them most urgent first: priority, then the oldest (it expires soonest).
  const runs = pending ?? [];
  // Decided or expired runs leave the list: a selection never outlives its row.
  const chosen = runs.filter((run) => selected.has(run._id)).map((run) => run._id);

  const decide = async (runId: RunId, decision: "approve" | "reject", reason: string) => {
    try {
      await decideOne({ organizationId, runId, decision, ...(reason ? { reason } : {}) });
      toast.success(
        decision === "approve" ? "Approved: the action runs now." : "Rejected: the customer is told why.",
      );
      return true;
    } catch (error) {
      toast.error(errorInfo(error).message);
      return false;
    }
  };

  const decideSelected = async (decision: "approve" | "reject") => {
    if (decision === "reject" && bulkReason.trim() === "") {
      toast.error("Say why they are rejected: the agent passes the reason on to each customer.");
      return;
    }
    setBulkPending(true);
    try {
      const reason = bulkReason.trim();
      const outcomes = await decideMany({
        organizationId,
        runIds: chosen,
        decision,
        ...(reason ? { reason } : {}),
      });
      // Each run is decided on its own: one decided meanwhile, or expired, is reported and left as it is.
      const decided = outcomes.filter((o) => o.outcome.kind === "ok").length;
      const refused = outcomes.flatMap((o) => (o.outcome.kind === "error" ? [o.outcome.message] : []));
      toast.success(
        `${decided} ${decision === "approve" ? "approved" : "rejected"}.${refused.length > 0 ? ` ${refused.length} unchanged: ${[...new Set(refused)].join(" ")}` : ""}`,
      );
      setSelected(new Set());
      setBulkReason("");
    } catch (error) {
      toast.error(errorInfo(error).message);
    } finally {
      setBulkPending(false);
    }
  };

  return (
    <Card data-testid="approval-queue">
      <CardHeader>
        <CardTitle>Pending</CardTitle>
        <CardDescription>
          Approving runs the request at once; rejecting or letting it expire runs nothing. Either way the
          agent tells the customer.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {pending === undefined ? (
          <Skeleton className="h-24 w-full" />
        ) : runs.length === 0 ? (
          <EmptyState icon={BadgeCheckIcon} title="Nothing waits for approval" testId="approvals-empty">
            Requests for actions with “Operator approves” appear here as the agent makes them.
          </EmptyState>
        ) : (
          <>
            <div
              className="flex flex-wrap items-center gap-2 rounded-md bg-muted/40 p-2"
              data-testid="approval-bulk"
            >
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={chosen.length === runs.length}
                  onChange={(e) => setSelected(new Set(e.target.checked ? runs.map((r) => r._id) : []))}
                  data-testid="approval-select-all"
                />
                {chosen.length} of {runs.length} selected
              </label>
              <Input
                value={bulkReason}
                aria-label="Reason for the selected requests"
                placeholder="Reason for all selected"
                className="max-w-xs flex-1"
                onChange={(e) => setBulkReason(e.target.value)}
                data-testid="approval-bulk-reason"
              />
              <Button
                size="sm"
                disabled={chosen.length === 0 || bulkPending}
                onClick={() => void decideSelected("approve")}
                data-testid="approval-bulk-approve"
              >
                <CheckIcon /> Approve selected
              </Button>
              <Button
                size="sm"
                variant="outline"
                disabled={chosen.length === 0 || bulkPending}
                onClick={() => void decideSelected("reject")}
                data-testid="approval-bulk-reject"
              >
                <XIcon /> Reject selected
              </Button>
            </div>
            <ul className="grid gap-3" data-testid="approval-list">
              {runs.map((run) => (
                <ApprovalRow
                  key={run._id}
                  run={run}
                  selected={selected.has(run._id)}
                  onSelect={(on) =>
                    setSelected((current) => {
                      const next = new Set(current);
                      if (on) next.add(run._id);
                      else next.delete(run._id);
                      return next;
                    })
                  }
                  onDecide={(decision, reason) => decide(run._id, decision, reason)}
                />
              ))}
            </ul>
          </>
        )}
      </CardContent>
    </Card>
  );
}
