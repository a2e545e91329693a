"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import Link from "next/link";
import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { ChoiceButtons } from "@/components/choice-buttons";
import { STATUS_BADGE, type RunStatus } from "@/components/actions/run-status";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { inputText, type RunView } from "./run-view";

const TABS = [
  "succeeded",
  "rejected",
  "expired",
  "failed",
  "pending_confirmation",
] as const satisfies RunStatus[];

function decidedBy(run: RunView): string {
  const by = run.decision?.by;
  if (by === undefined) return run.status === "expired" ? "nobody" : "—";
  if (by.kind === "rule") return `rule: ${by.rule}`;
  if (by.kind === "customer") return "the customer";
  return run.decidedByName ?? "an operator";
}

/** The latest runs in one outcome, newest first: who decided, why, and the failure's detail. */
export function ApprovalHistory() {
  const { organizationId } = useOrganization();
  const [status, setStatus] = useState<(typeof TABS)[number]>("succeeded");
  const runs = useQuery(api.private.approvals.listByStatus, { organizationId, status, limit: 50 });
  return (
    <Card data-testid="approval-history">
      <CardHeader>
        <CardTitle>History</CardTitle>
        <CardDescription>
          Every decision and call is in the audit log too, with redacted inputs.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ChoiceButtons
          label="Show"
          options={TABS.map((tab) => ({ value: tab, label: STATUS_BADGE[tab].label }))}
          value={status}
          onChange={setStatus}
          testId="approval-history-tab"
        />
        {runs === undefined ? (
          <Skeleton className="h-24 w-full" />
        ) : runs.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="approval-history-empty">
            None yet.
          </p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Action</TableHead>
                <TableHead>Customer</TableHead>
                <TableHead>Inputs</TableHead>
                <TableHead>Decided by</TableHead>
                <TableHead>Reason / detail</TableHead>
                <TableHead>When</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.map((run) => (
                <TableRow
                  key={run._id}
                  data-testid="approval-history-row"
                  data-run-id={run._id}
                  data-status={run.status}
                >
                  <TableCell className="font-medium">
                    <Link className="hover:underline" href={`/conversations?c=${run.conversationId}`}>
                      {run.actionName}
                    </Link>
                  </TableCell>
                  <TableCell className="text-xs">{run.requester.email}</TableCell>
                  <TableCell className="max-w-48 truncate font-mono text-xs">
                    {run.inputs.map((i) => `${i.name}: ${inputText(i)}`).join(" · ")}
                  </TableCell>
                  <TableCell className="text-xs">{decidedBy(run)}</TableCell>
                  <TableCell
                    className="max-w-xs truncate text-xs"
                    title={run.error?.detail ?? run.decision?.reason}
                  >
                    {run.error ? `${run.error.message} (${run.error.detail})` : (run.decision?.reason ?? "")}
                  </TableCell>
                  <TableCell className="text-xs text-muted-foreground">
                    {timeAgo(run.finishedAt ?? run.decision?.at ?? run._creationTime)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
