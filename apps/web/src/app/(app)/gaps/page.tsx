"use client";

import { ErrorBoundary } from "@/components/error-boundary";
import { GapList } from "@/components/gaps/gap-list";
import { PageHeader } from "@/components/page-header";

export default function ContentGapsPage() {
  return (
    <>
      <PageHeader
        title="Content gaps"
        description="Customers' questions the agent could not answer from the knowledge base or handed to a person, grouped by meaning. Write an article for a group: it is marked resolved once the knowledge search finds it."
      />
      <ErrorBoundary title="The content gaps could not be loaded">
        <GapList />
      </ErrorBoundary>
    </>
  );
}
