"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation, useQuery } from "convex/react";
import { DownloadIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { errorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import { usePublicUrls } from "@/lib/public-urls";

const FRAME = "sql-export-frame";

/**
 * "Export CSV": every row of the statement, streamed by the deployment (`POST /sql/export`) straight
 * to a download. The form POST carries a one-time ticket, so the auth token never goes in a URL;
 * it targets a hidden frame so a refused statement's answer does not replace the page. The status
 * (rows so far, done, the database's message) comes from the export's own record.
 */
export function ExportCsv({ sql, params }: { sql: string; params: string[] }) {
  const { organizationId } = useOrganization();
  const { apiUrl } = usePublicUrls();
  const prepare = useMutation(api.private.sqlConsole.prepareExport);
  const [exportId, setExportId] = useState<Id<"sqlConsoleExports"> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const status = useQuery(
    api.private.sqlConsole.exportStatus,
    exportId ? { organizationId, exportId } : "skip",
  );

  const start = async () => {
    if (apiUrl === null) return;
    setFailure(null);
    try {
      const prepared = await prepare({
        organizationId,
        sql,
        params: params.map((value) => (value === "" ? null : value)),
      });
      const form = document.createElement("form");
      form.method = "POST";
      form.action = `${apiUrl}/sql/export`;
      form.target = FRAME;
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "ticket";
      input.value = prepared.ticket;
      form.append(input);
      document.body.append(form);
      form.submit();
      form.remove();
      setExportId(prepared.exportId);
    } catch (error) {
      setFailure(errorInfo(error).message);
    }
  };

  const note =
    failure ??
    (status === undefined || status === null
      ? null
      : status.kind === "ready"
        ? "Starting the download…"
        : status.kind === "running"
          ? `Exporting… ${status.rowCount.toLocaleString("en-US")} rows`
          : status.kind === "done"
            ? `Exported ${status.rowCount.toLocaleString("en-US")} rows in ${(status.durationMs / 1000).toFixed(1)} s`
            : status.kind === "cancelled"
              ? `Export stopped after ${status.rowCount.toLocaleString("en-US")} rows (the download was cancelled)`
              : `Export failed: ${status.message}`);
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        onClick={() => void start()}
        disabled={apiUrl === null || status?.kind === "running"}
        title={
          apiUrl === null
            ? "This dashboard does not know the deployment's site URL (CONVEX_SITE_URL)."
            : undefined
        }
        data-testid="sql-export"
      >
        <DownloadIcon /> Export CSV
      </Button>
      {note !== null && (
        <span className="text-xs text-muted-foreground" data-testid="sql-export-status">
          {note}
        </span>
      )}
      <iframe name={FRAME} title="CSV export" className="hidden" />
    </>
  );
}
