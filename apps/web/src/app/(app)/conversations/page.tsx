"use client";

import type { Id } from "@answerbase/backend/dataModel";
import { MessagesSquareIcon } from "lucide-react";
import { useState } from "react";
import { Card, CardContent } from "@answerbase/ui/card";
import { Tabs, TabsList, TabsTrigger } from "@answerbase/ui/tabs";
import { EmptyState } from "@/components/empty-state";
import { ErrorBoundary } from "@/components/error-boundary";
import { InboxList, type StatusFilter } from "@/components/conversations/inbox-list";
import { ThreadView } from "@/components/conversations/thread-view";
import { PageHeader } from "@/components/page-header";

const FILTERS: { value: StatusFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "unresolved", label: "Unresolved" },
  { value: "escalated", label: "Escalated" },
  { value: "resolved", label: "Resolved" },
];

export default function ConversationsPage() {
  const [filter, setFilter] = useState<StatusFilter>("all");
  const [selected, setSelected] = useState<Id<"conversations"> | null>(null);
  return (
    <>
      <PageHeader
        title="Conversations"
        description="What customers asked through the widget, what the agent answered and from which sources."
      />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="grid min-w-0 gap-3">
          <Tabs value={filter} onValueChange={(v) => setFilter(v as StatusFilter)}>
            <TabsList aria-label="Filter by status">
              {FILTERS.map((f) => (
                <TabsTrigger key={f.value} value={f.value} data-testid={`filter-${f.value}`}>
                  {f.label}
                </TabsTrigger>
              ))}
            </TabsList>
          </Tabs>
          <ErrorBoundary title="The conversations could not be listed">
            <InboxList key={filter} filter={filter} selected={selected} onSelect={setSelected} />
          </ErrorBoundary>
        </div>
        <Card className="min-w-0 lg:sticky lg:top-6">
          <CardContent>
            {selected === null ? (
              <EmptyState icon={MessagesSquareIcon} title="Pick a conversation" testId="thread-none">
                Its messages, the sources and timings of each answer, and the reply box show here.
              </EmptyState>
            ) : (
              <ErrorBoundary key={selected} title="This conversation could not be shown">
                <ThreadView conversationId={selected} />
              </ErrorBoundary>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
