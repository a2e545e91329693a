"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation, usePaginatedQuery } from "convex/react";
import { FileTextIcon, Loader2Icon, Trash2Icon } from "lucide-react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Skeleton } from "@answerbase/ui/skeleton";
import { toast } from "@answerbase/ui/sonner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@answerbase/ui/table";
import { ConfirmButton } from "@/components/confirm-button";
import { EmptyState } from "@/components/empty-state";
import { errorInfo } from "@/lib/errors";
import { formatBytes, timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";

export function DocumentList() {
  const { organizationId, isAdmin } = useOrganization();
  const { results, status, loadMore } = usePaginatedQuery(
    api.private.documents.list,
    { organizationId },
    { initialNumItems: 25 },
  );
  const remove = useMutation(api.private.documents.remove);
  const removeOne = async (documentId: Id<"knowledgeDocuments">, name: string) => {
    try {
      await remove({ organizationId, documentId });
      toast.success(`Deleted ${name}`);
    } catch (error) {
      toast.error(`Could not delete ${name}: ${errorInfo(error).message}`);
    }
  };

  if (status === "LoadingFirstPage") {
    return (
      <div className="grid gap-2">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </div>
    );
  }
  if (results.length === 0) {
    return (
      <EmptyState icon={FileTextIcon} title="No documents yet" testId="documents-empty">
        Upload help articles, policies or FAQs: the agent answers from them when the database has nothing.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-2">
      <Table data-testid="documents">
        <TableHeader>
          <TableRow>
            <TableHead>Document</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Size</TableHead>
            <TableHead>Updated</TableHead>
            <TableHead className="w-10" />
          </TableRow>
        </TableHeader>
        <TableBody>
          {results.map((d) => (
            <TableRow key={d._id} data-testid="document-row" data-name={d.fileName}>
              <TableCell>
                <div className="font-medium">{d.title}</div>
                <div className="text-xs text-muted-foreground">
                  {d.fileName} · {d.format}
                </div>
              </TableCell>
              <TableCell data-testid="document-status">
                {d.status.kind === "processing" ? (
                  <Badge variant="secondary">
                    <Loader2Icon className="animate-spin" /> Indexing
                  </Badge>
                ) : d.status.kind === "ready" ? (
                  <Badge variant="success">
                    Indexed · {d.status.chunks} {d.status.chunks === 1 ? "chunk" : "chunks"}
                    {d.status.pages !== null
                      ? ` · ${d.status.pages} ${d.status.pages === 1 ? "page" : "pages"}`
                      : ""}
                  </Badge>
                ) : (
                  <div className="grid gap-0.5">
                    <Badge variant="destructive">Failed</Badge>
                    <span className="text-xs text-muted-foreground">{d.status.error.message}</span>
                  </div>
                )}
                {d.warnings.length > 0 && (
                  <div className="mt-1 text-xs text-muted-foreground">{d.warnings.join("; ")}</div>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                {formatBytes(d.bytes)}
              </TableCell>
              <TableCell className="text-muted-foreground">{timeAgo(d.updatedAt)}</TableCell>
              <TableCell>
                {isAdmin && (
                  <ConfirmButton
                    variant="ghost"
                    size="icon"
                    aria-label={`Delete ${d.fileName}`}
                    question={`Delete ${d.fileName}?`}
                    description="Its chunks leave the knowledge base; the agent stops citing it."
                    confirmLabel="Delete"
                    cancelLabel="Keep it"
                    onConfirm={() => removeOne(d._id, d.fileName)}
                  >
                    <Trash2Icon />
                  </ConfirmButton>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {status === "CanLoadMore" && (
        <Button variant="outline" size="sm" className="w-fit" onClick={() => loadMore(25)}>
          Load more
        </Button>
      )}
    </div>
  );
}
