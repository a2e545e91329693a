"use client";

import { CheckIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { timeAgo } from "@/lib/format";
import { ExpiryCountdown } from "./expiry-countdown";
import { inputText, type RunView } from "./run-view";

export type Decide = (decision: "approve" | "reject", reason: string) => Promise<boolean>;

/**
 * One pending request: what will happen, for whom, from which conversation, with which inputs, and
 * until when; approve, or reject with a reason (the customer hears the reason from the agent).
 */
export function ApprovalRow({
  run,
  selected,
  onSelect,
  onDecide,
}: {
  run: RunView;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onDecide: Decide;
}) {
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState<"approve" | "reject" | null>(null);
  const [needsReason, setNeedsReason] = useState(false);

  const decide = async (decision: "approve" | "reject") => {
    if (decision === "reject" && reason.trim() === "") {
      setNeedsReason(true);
      return;
    }
    setPending(decision);
    // On success the row leaves the list; on failure it stays for another try.
    if (!(await onDecide(decision, reason.trim()))) setPending(null);
  };

  return (
    <li
      className="grid gap-2 rounded-lg border p-4 data-[priority=high]:border-destructive/50"
      data-testid="approval-row"
      data-run-id={run._id}
      data-action={run.actionName}
      data-priority={run.priority}
    >
      <div className="flex flex-wrap items-start gap-3">
        <input
          type="checkbox"
          className="mt-1"
          checked={selected}
          aria-label={`Select ${run.actionName} for ${run.requester.name}`}
          onChange={(e) => onSelect(e.target.checked)}
          data-testid="approval-select"
        />
        <div className="grid min-w-0 flex-1 gap-1">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
            {run.actionName}
            <Badge
              variant={
                run.priority === "high" ? "destructive" : run.priority === "low" ? "secondary" : "outline"
              }
            >
              {run.priority} priority
            </Badge>
            <ExpiryCountdown expiresAt={run.expiresAt} />
          </p>
          <p className="text-sm" data-testid="approval-summary">
            {run.summary}
          </p>
          <p className="text-xs text-muted-foreground">
            Requested {timeAgo(run._creationTime)} by{" "}
            <span className="text-foreground" data-testid="approval-requester">
              {run.requester.name} &lt;{run.requester.email}&gt;
            </span>{" "}
            {run.requester.verified ? (
              <Badge variant="success">verified</Badge>
            ) : (
              <Badge variant="warning">not verified</Badge>
            )}{" "}
            ·{" "}
            <Link
              className="underline"
              href={`/conversations?c=${run.conversationId}`}
              data-testid="approval-conversation"
            >
              open the conversation
            </Link>
          </p>
          <dl
            className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs"
            data-testid="approval-inputs"
          >
            {run.inputs.map((input) => (
              <div key={input.name} className="contents">
                <dt className="font-mono text-muted-foreground">{input.name}</dt>
                <dd className="font-mono">{inputText(input)}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 sm:pl-7">
        <Input
          value={reason}
          aria-label={`Reason for ${run.actionName}`}
          aria-invalid={needsReason ? true : undefined}
          placeholder="Reason (required to reject; the customer hears it)"
          className="max-w-md flex-1"
          onChange={(e) => {
            setReason(e.target.value);
            setNeedsReason(false);
          }}
          data-testid="approval-reason"
        />
        <Button
          size="sm"
          disabled={pending !== null}
          onClick={() => void decide("approve")}
          data-testid="approval-approve"
        >
          <CheckIcon /> Approve
        </Button>
        <Button
          size="sm"
          variant="outline"
          disabled={pending !== null}
          onClick={() => void decide("reject")}
          data-testid="approval-reject"
        >
          <XIcon /> Reject
        </Button>
        {needsReason && (
          <p className="w-full text-sm text-destructive" data-testid="approval-reason-error">
            Say why it is rejected: the agent passes the reason on to the customer.
          </p>
        )}
      </div>
    </li>
  );
}
