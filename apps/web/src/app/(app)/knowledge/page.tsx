"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { DocumentList } from "@/components/knowledge/document-list";
import { IngestionPanel } from "@/components/knowledge/ingestion-panel";
import { KnowledgeSearch } from "@/components/knowledge/knowledge-search";
import { UploadZone } from "@/components/knowledge/upload-zone";
import { ErrorBoundary } from "@/components/error-boundary";
import { PageHeader } from "@/components/page-header";
import { useOrganization } from "@/lib/organization";

export default function KnowledgePage() {
  const { isAdmin } = useOrganization();
  return (
    <>
      <PageHeader
        title="Knowledge"
        description="Documents and database rows the agent searches when a question is not about one customer's data."
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Documents</CardTitle>
            <CardDescription>
              Upload help articles, policies and FAQs. Each is split into chunks and indexed.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {isAdmin && <UploadZone />}
            <ErrorBoundary title="The documents could not be listed">
              <DocumentList />
            </ErrorBoundary>
          </CardContent>
        </Card>
        <div className="grid content-start gap-6">
          {isAdmin && (
            <Card>
              <CardHeader>
                <CardTitle>Try a search</CardTitle>
                <CardDescription>
                  What the agent would retrieve for this question, best match first.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <KnowledgeSearch />
              </CardContent>
            </Card>
          )}
          <Card>
            <CardHeader>
              <CardTitle>Database ingestion</CardTitle>
              <CardDescription>
                Index rows of your public and customer tables, with live progress.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ErrorBoundary title="The ingestion jobs could not be shown">
                <IngestionPanel />
              </ErrorBoundary>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
