"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import { ActivityIcon } from "lucide-react";
import { Skeleton } from "@answerbase/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { EmptyState } from "@/components/empty-state";
import { formatCount, timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

/** The latest API calls from the audit log: key, route, status, duration (never bodies). */
export function RecentCalls() {
  const { organizationId } = useOrganization();
  const calls = useQuery(api.private.apiKeys.recentCalls, { organizationId });
  if (calls === undefined) return <Skeleton className="h-24 w-full" />;
  if (calls.length === 0) {
    return (
      <EmptyState icon={ActivityIcon} title="No calls yet" testId="api-calls-empty">
        Requests made with this organization&apos;s keys show here as they arrive.
      </EmptyState>
    );
  }
  return (
    <Table data-testid="api-calls">
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Key</TableHead>
          <TableHead>Endpoint</TableHead>
          <TableHead className="text-right">Status</TableHead>
          <TableHead className="text-right">Duration</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {calls.map((call) => (
          <TableRow
            key={call._id}
            data-testid="api-call-row"
            data-status={call.httpStatus}
            data-prefix={call.prefix}
          >
            <TableCell className="whitespace-nowrap" title={new Date(call._creationTime).toLocaleString()}>
              {timeAgo(call._creationTime)}
            </TableCell>
            <TableCell className="font-mono text-xs">{call.prefix}</TableCell>
            <TableCell className="font-mono text-xs">{call.endpoint}</TableCell>
            <TableCell className="text-right tabular-nums">
              {call.httpStatus}
              {call.code !== null && <span className="ml-1 text-xs text-muted-foreground">{call.code}</span>}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(call.durationMs)} ms</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
