"use client";

import { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";
import { useAction } from "convex/react";
import { ActivityIcon, PencilIcon, PlugZapIcon, UnplugIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@answerbase/ui/card";
import { toast } from "@answerbase/ui/sonner";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorPanel } from "@/components/error-panel";
import { PendingIcon } from "@/components/pending-icon";
import { errorInfo } from "@/lib/errors";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { PROVIDER_LABEL } from "./providers";

export type DataSourceView = NonNullable<FunctionReturnType<typeof api.private.dataSources.get>>;

export function StatusBadge({ status }: { status: DataSourceView["status"] }) {
  if (status.kind === "connected") return <Badge variant="success">Connected</Badge>;
  if (status.kind === "failing") return <Badge variant="destructive">Failing</Badge>;
  return <Badge variant="secondary">Not tested</Badge>;
}

/** Provider, masked summary, last test and health; test, edit, disconnect. */
export function StatusCard({ dataSource, onEdit }: { dataSource: DataSourceView; onEdit: () => void }) {
  const { organizationId, isAdmin } = useOrganization();
  const test = useAction(api.private.dataSourceActions.testConnection);
  const health = useAction(api.private.dataSourceActions.checkHealth);
  const disconnect = useAction(api.private.dataSourceActions.disconnect);
  const [busy, setBusy] = useState<"test" | "disconnect" | null>(null);
  const { status, summary } = dataSource;

  const runTest = async () => {
    setBusy("test");
    try {
      const result = await (isAdmin ? test : health)({ organizationId });
      if (result.kind === "connected") toast.success(`Connected in ${Math.round(result.latencyMs)} ms`);
      else toast.error(`Connection failed: ${result.error.message}`);
    } catch (error) {
      toast.error(`Could not test: ${errorInfo(error).message}`);
    } finally {
      setBusy(null);
    }
  };
  const runDisconnect = async () => {
    setBusy("disconnect");
    try {
      await disconnect({ organizationId });
      toast.success("Database disconnected; its secret was deleted.");
    } catch (error) {
      toast.error(`Could not disconnect: ${errorInfo(error).message}`);
      setBusy(null);
    }
  };

  return (
    <Card data-testid="status-card">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle className="flex items-center gap-2">
            {PROVIDER_LABEL[dataSource.provider] ?? dataSource.provider}
            <span data-testid="connection-status">
              <StatusBadge status={status} />
            </span>
            {dataSource.platformDefault && <Badge variant="outline">Demo database</Badge>}
          </CardTitle>
          <p className="font-mono text-sm text-muted-foreground" data-testid="connection-summary">
            {summary.location} · {summary.database}
            {summary.region ? ` · ${summary.region}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            onClick={() => void runTest()}
            disabled={busy !== null}
            data-testid="test-connection"
          >
            <PendingIcon pending={busy === "test"} icon={isAdmin ? PlugZapIcon : ActivityIcon} />
            {isAdmin ? "Test connection" : "Check health"}
          </Button>
          {isAdmin && (
            <>
              <Button
                variant="outline"
                onClick={onEdit}
                disabled={busy !== null}
                data-testid="edit-connection"
              >
                <PencilIcon /> Change
              </Button>
              <ConfirmButton
                variant="outline"
                disabled={busy !== null}
                data-testid="disconnect"
                question="Disconnect this database?"
                description="The stored secret, the access policies and the named lookups are deleted, and rows ingested from it leave the knowledge base. The agent stops answering from it at once."
                confirmLabel="Disconnect"
                cancelLabel="Keep it"
                confirmTestId="confirm-disconnect"
                onConfirm={runDisconnect}
              >
                <PendingIcon pending={busy === "disconnect"} icon={UnplugIcon} /> Disconnect
              </ConfirmButton>
            </>
          )}
        </div>
      </CardHeader>
      <CardContent className="grid gap-3">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-muted-foreground">Last test</dt>
            <dd data-testid="last-test">{status.kind === "untested" ? "Never" : timeAgo(status.at)}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Latency</dt>
            <dd data-testid="latency">
              {status.kind === "connected" ? `${Math.round(status.latencyMs)} ms` : "—"}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Server</dt>
            <dd className="truncate">{status.kind === "connected" ? status.serverVersion : "—"}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Secret stored in</dt>
            <dd>
              {dataSource.storage === "secrets_manager" ? "AWS Secrets Manager" : "Encrypted in Convex"}
            </dd>
          </div>
        </dl>
        {status.kind === "failing" && (
          <ErrorPanel
            testId="status-error"
            title="The last connection test failed"
            error={{ ...status.error, fields: {} }}
          />
        )}
        {status.kind === "untested" && (
          <p className="text-sm text-muted-foreground">Test the connection to see its latency and health.</p>
        )}
      </CardContent>
    </Card>
  );
}
