"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useQuery } from "convex/react";
import { SearchIcon } from "lucide-react";
import { cn } from "@answerbase/ui/lib/utils";
import { Skeleton } from "@answerbase/ui/skeleton";
import { EmptyState } from "@/components/empty-state";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { StatusBadge } from "./inbox-list";

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
        <li key={c._id}>
          <button
            type="button"
            onClick={() => onSelect(c._id)}
            aria-current={selected === c._id ? "true" : undefined}
            data-testid="inbox-item"
            data-id={c._id}
            data-status={c.status.kind}
            className={cn(
              "grid w-full min-w-0 gap-1 rounded-lg border p-3 text-left text-sm hover:bg-accent",
              selected === c._id && "border-primary bg-accent",
            )}
          >
            <span className="flex min-w-0 items-center gap-2">
              <span className="min-w-0 truncate">{c.contact.name}</span>
              <span className="ml-auto shrink-0 text-xs text-muted-foreground">
                {timeAgo(c.lastMessageAt)}
              </span>
            </span>
            <span className="truncate text-xs text-muted-foreground">{c.contact.email}</span>
            <span className="flex min-w-0 items-center gap-2">
              <StatusBadge kind={c.status.kind} />
              <span className="min-w-0 truncate text-muted-foreground">{c.preview}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
