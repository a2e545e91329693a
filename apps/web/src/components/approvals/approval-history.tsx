"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import Link from "next/link";
import { Badge } from "@answerbase/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { STATUS_BADGE } from "@/components/actions/run-status";
import type { DecidedRun } from "./run-view";

function decidedBy(run: DecidedRun): string {
  const decision = run.decision;
  if (decision === undefined) return run.status === "expired" ? "nobody (expired)" : "—";
  if (decision.by.kind === "rule") return `rule ${decision.by.rule}`;
  if (decision.by.kind === "customer") return "the customer";
  return decision.by.name;
}

/** The latest requests no longer pending: who decided, why, and how the call went. */
export function ApprovalHistory() {
  const { organizationId } = useOrganization();
  const runs = useQuery(api.private.approvals.listDecided, { organizationId });
  return (
    <Card data-testid="approval-history">
      <CardHeader>
        <CardTitle>Decided and expired</CardTitle>
        <CardDescription>
          The latest requests, newest first; every decision is in the audit log too.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {runs === undefined ? (
          <Skeleton className="h-24 w-full" />
        ) : runs.length === 0 ? (
          <p className="text-sm text-muted-foreground">No request has been decided yet.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Action</TableHead>
                <TableHead>Customer</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead>Decided by</TableHead>
                <TableHead>Reason / detail</TableHead>
                <TableHead>When</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.map((run) => {
                const badge = STATUS_BADGE[run.status];
                return (
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
                    <TableCell>
                      <Badge variant={badge.variant}>{badge.label}</Badge>
                    </TableCell>
                    <TableCell className="text-xs">{decidedBy(run)}</TableCell>
                    <TableCell
                      className="max-w-xs truncate text-xs"
                      title={run.error?.detail ?? run.decision?.reason}
                    >
                      {run.error?.detail ?? run.decision?.reason ?? ""}
                    </TableCell>
                    <TableCell className="text-xs text-muted-foreground">
                      {timeAgo(run.finishedAt ?? run.decision?.at ?? run._creationTime)}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
