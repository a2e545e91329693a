"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import { SearchXIcon } from "lucide-react";
import { Button } from "@answerbase/ui/button";
import { Skeleton } from "@answerbase/ui/skeleton";
import { EmptyState } from "@/components/empty-state";
import { useOrganization } from "@/lib/organization";
import { ThreadView } from "./thread-view";

/**
 * A conversation opened from a link or the address bar: checked against the active organization first,
 * so a mistyped link, a deleted conversation or another organization's says so instead of failing.
 */
export function LinkedThread({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const { organizationId, name } = useOrganization();
  const found = useQuery(api.private.conversations.find, { organizationId, conversationId });
  if (found === undefined) {
    return (
      <div className="grid gap-3" data-testid="thread-loading">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-20 w-2/3" />
      </div>
    );
  }
  if (found === null) {
    return (
      <EmptyState
        icon={SearchXIcon}
        title="Conversation not found"
        testId="thread-not-found"
        action={
          <Button variant="outline" size="sm" onClick={onClose}>
            Back to the inbox
          </Button>
        }
      >
        The link does not point to a conversation of {name}. It may belong to another of your organizations:
        switch to it and open the link again.
      </EmptyState>
    );
  }
  return <ThreadView conversationId={found} />;
}
