"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { ZapIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@answerbase/ui/badge";
import { inputText } from "@/components/approvals/run-view";
import { useOrganization } from "@/lib/organization";
import { STATUS_BADGE } from "./run-status";

export type ConversationRun = FunctionReturnType<typeof api.private.approvals.listForConversation>[number];

/** The conversation's runs, live; the inbox thread interleaves them with the messages by time. */
export function useConversationRuns(
  conversationId: Id<"conversations"> | null,
): ConversationRun[] | undefined {
  const { organizationId } = useOrganization();
  return useQuery(
    api.private.approvals.listForConversation,
    conversationId === null ? "skip" : { organizationId, conversationId },
  );
}

/**
 * An action run as operators see it in a thread (inbox and playground alike): what the agent asked
 * for and what became of it, with the failure's detail the customer is spared.
 */
export function RunCard({ run }: { run: ConversationRun }) {
  const badge = STATUS_BADGE[run.status];
  const waiting = run.status === "pending_approval";
  return (
    <div
      className="grid w-full max-w-[85%] gap-1.5 rounded-lg border border-l-4 border-l-primary bg-muted/30 p-3 text-sm"
      data-testid="run-card"
      data-status={run.status}
      data-action={run.actionName}
    >
      <p className="flex flex-wrap items-center gap-2 font-medium">
        <ZapIcon className="size-4" /> {run.actionName}
        <Badge variant={badge.variant} data-testid="run-card-status">
          {badge.label}
        </Badge>
        {waiting && (
          <Link className="text-xs font-normal underline" href="/approvals">
            decide in Approvals
          </Link>
        )}
      </p>
      <p>{run.summary}</p>
      {run.inputs.length > 0 && (
        <p className="font-mono text-xs text-muted-foreground">
          {run.inputs.map((input) => `${input.name}: ${inputText(input)}`).join(" · ")}
        </p>
      )}
      {run.decision && run.decision.by.kind !== "rule" && (
        <p className="text-xs text-muted-foreground">
          {run.decision.decision === "approve" ? "Approved" : "Rejected"} by{" "}
          {run.decision.by.kind === "customer" ? "the customer" : (run.decidedByName ?? "an operator")}
          {run.decision.reason && (
            <>
              : <span data-testid="run-card-reason">{run.decision.reason}</span>
            </>
          )}
        </p>
      )}
      {run.decision?.by.kind === "rule" && (
        <p className="text-xs text-muted-foreground">Approved by the rule {run.decision.by.rule}</p>
      )}
      {run.result && run.result.fields.length > 0 && (
        <p className="font-mono text-xs" data-testid="run-card-result">
          {run.result.fields.map((f) => `${f.field}: ${JSON.stringify(f.value)}`).join(" · ")}
        </p>
      )}
      {run.error && (
        <p className="text-xs text-destructive" data-testid="run-card-error">
          {run.error.message} — {run.error.detail}
        </p>
      )}
    </div>
  );
}
