"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useQuery } from "convex/react";
import { SearchIcon } from "lucide-react";
import { Skeleton } from "@answerbase/ui/skeleton";
import { EmptyState } from "@/components/empty-state";
import { useOrganization } from "@/lib/organization";
import { InboxItem } from "./inbox-list";

/** Conversations whose customer name, e-mail or messages match the search, best match first. */
export function SearchResults({
  query,
  selected,
  onSelect,
}: {
  query: string;
  selected: string | null;
  onSelect: (id: Id<"conversations">) => void;
}) {
  const { organizationId } = useOrganization();
  const results = useQuery(api.private.conversations.search, { organizationId, query });
  if (results === undefined) return <Skeleton className="h-16 w-full" data-testid="search-loading" />;
  if (results.length === 0) {
    return (
      <EmptyState icon={SearchIcon} title="Nothing found" testId="search-empty">
        No conversation has a customer or a message matching “{query}”.
      </EmptyState>
    );
  }
  return (
    <ul className="grid min-w-0 gap-1.5" data-testid="search-results">
      {results.map((c) => (
        <InboxItem key={c._id} conversation={c} selected={selected === c._id} onSelect={onSelect} />
      ))}
    </ul>
  );
}
