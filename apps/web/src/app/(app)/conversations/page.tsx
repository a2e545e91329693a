"use client";

import type { Id } from "@answerbase/backend/dataModel";
import { MessagesSquareIcon } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { Card, CardContent } from "@answerbase/ui/card";
import { Tabs, TabsList, TabsTrigger } from "@answerbase/ui/tabs";
import { EmptyState } from "@/components/empty-state";
import { ErrorBoundary } from "@/components/error-boundary";
import { InboxList, type AssigneeFilter, type StatusFilter } from "@/components/conversations/inbox-list";
import { SavedRepliesCard } from "@/components/conversations/saved-replies-card";
import { SearchResults } from "@/components/conversations/search-results";
import { Input } from "@answerbase/ui/input";
import { LinkedThread } from "@/components/conversations/linked-thread";
import { ThreadView } from "@/components/conversations/thread-view";
import { PageHeader } from "@/components/page-header";

const FILTERS: { value: StatusFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "unresolved", label: "Unresolved" },
  { value: "escalated", label: "Escalated" },
  { value: "resolved", label: "Resolved" },
];

const ASSIGNEE_FILTERS: { value: AssigneeFilter; label: string }[] = [
  { value: "anyone", label: "Everyone's" },
  { value: "mine", label: "Mine" },
  { value: "unassigned", label: "Unassigned" },
];

function asFilter(value: string | null): StatusFilter {
  return FILTERS.find((f) => f.value === value)?.value ?? "all";
}

function asAssigneeFilter(value: string | null): AssigneeFilter {
  return ASSIGNEE_FILTERS.find((f) => f.value === value)?.value ?? "anyone";
}

/**
 * The filters (`?status=`, `?assignee=mine|unassigned`), a search (`?q=`, which replaces the list) and the
 * open conversation (`?c=`) live in the address, so a link to a
 * conversation can be shared with a colleague, a reload keeps it open, and Back returns to the previous one.
 */
function Inbox() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const filter = asFilter(search.get("status"));
  const assignee = asAssigneeFilter(search.get("assignee"));
  const query = search.get("q") ?? "";
  const [typed, setTyped] = useState(query);
  const selected = search.get("c");
  // A conversation picked from the list is known to be this organization's: it opens without the check
  // a pasted link needs.
  const [picked, setPicked] = useState<Id<"conversations"> | null>(null);

  const address = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(search.toString());
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) params.delete(name);
      else params.set(name, value);
    }
    const query = params.toString();
    return query === "" ? pathname : `${pathname}?${query}`;
  };
  const select = (id: Id<"conversations">) => {
    setPicked(id);
    router.push(address({ c: id }), { scroll: false });
  };
  const changeFilter = (value: string) =>
    router.replace(address({ status: value === "all" ? null : value }), { scroll: false });
  const runSearch = (value: string) =>
    router.replace(address({ q: value.trim() === "" ? null : value.trim() }), { scroll: false });
  const changeAssignee = (value: string) =>
    router.replace(address({ assignee: value === "anyone" ? null : value }), { scroll: false });

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <div className="grid min-w-0 gap-3">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            runSearch(typed);
          }}
        >
          <Input
            type="search"
            aria-label="Search conversations by customer name, e-mail or message text"
            placeholder="Search by name, e-mail or message…"
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              if (e.target.value === "") runSearch("");
            }}
            data-testid="inbox-search"
          />
        </form>
        <Tabs value={filter} onValueChange={changeFilter}>
          <TabsList aria-label="Filter by status">
            {FILTERS.map((f) => (
              <TabsTrigger key={f.value} value={f.value} data-testid={`filter-${f.value}`}>
                {f.label}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
        <Tabs value={assignee} onValueChange={changeAssignee}>
          <TabsList aria-label="Filter by assignee">
            {ASSIGNEE_FILTERS.map((f) => (
              <TabsTrigger key={f.value} value={f.value} data-testid={`assignee-${f.value}`}>
                {f.label}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
        <ErrorBoundary title="The conversations could not be listed">
          {query !== "" ? (
            <SearchResults key={query} query={query} selected={selected} onSelect={select} />
          ) : (
            <InboxList
              key={`${filter}:${assignee}`}
              filter={filter}
              assignee={assignee}
              selected={selected}
              onSelect={select}
            />
          )}
        </ErrorBoundary>
        <SavedRepliesCard />
      </div>
      <Card className="min-w-0 lg:sticky lg:top-6">
        <CardContent>
          {selected === null ? (
            <EmptyState icon={MessagesSquareIcon} title="Pick a conversation" testId="thread-none">
              Its messages, the sources and timings of each answer, and the reply box show here.
            </EmptyState>
          ) : (
            <ErrorBoundary key={selected} title="This conversation could not be shown">
              {selected === picked ? (
                <ThreadView conversationId={picked} />
              ) : (
                <LinkedThread
                  conversationId={selected}
                  onClose={() => router.replace(address({ c: null }))}
                />
              )}
            </ErrorBoundary>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

export default function ConversationsPage() {
  return (
    <>
      <PageHeader
        title="Conversations"
        description="What customers asked through the widget, what the agent answered and from which sources."
      />
      {/* useSearchParams needs a Suspense boundary in a page Next.js prerenders. */}
      <Suspense>
        <Inbox />
      </Suspense>
    </>
  );
}
