"use client";

import { api } from "@answerbase/backend/api";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { CheckCircle2Icon, FilePenLineIcon, SearchCheckIcon } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { WriteArticle } from "./write-article";

export type Gap = FunctionReturnType<typeof api.private.contentGaps.list>["open"][number];

function GapCard({ gap, canAct }: { gap: Gap; canAct: boolean }) {
  const [writing, setWriting] = useState(false);
  return (
    <Card data-testid="gap" data-id={gap._id} data-count={gap.count} data-status={gap.status.kind}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 text-base">
          <span data-testid="gap-question">{gap.question}</span>
          <Badge variant="secondary" data-testid="gap-count">
            asked {gap.count}×
          </Badge>
          {gap.escalated > 0 && <Badge variant="outline">{gap.escalated} escalated</Badge>}
          {gap.status.kind === "article" && (
            <Badge variant="outline" data-testid="gap-article">
              <SearchCheckIcon /> Article added: checked after indexing
            </Badge>
          )}
        </CardTitle>
        <CardDescription>Last asked {timeAgo(gap.lastAskedAt)}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ul className="grid gap-1 text-sm text-muted-foreground" data-testid="gap-examples">
          {gap.examples.map((example) => (
            <li key={example}>“{example}”</li>
          ))}
        </ul>
        {canAct &&
          (writing ? (
            <WriteArticle gap={gap} onDone={() => setWriting(false)} />
          ) : (
            <Button
              variant="outline"
              size="sm"
              className="justify-self-start"
              data-testid="gap-write-article"
              onClick={() => setWriting(true)}
            >
              <FilePenLineIcon /> Write a help article
            </Button>
          ))}
      </CardContent>
    </Card>
  );
}

/** Open groups, most asked first; then the latest resolved ones with the document that answered them. */
export function GapList() {
  const { organizationId, isAdmin } = useOrganization();
  const gaps = useQuery(api.private.contentGaps.list, { organizationId });
  if (gaps === undefined) return <Skeleton className="h-40 w-full" data-testid="gaps-loading" />;
  return (
    <div className="grid gap-6">
      {gaps.open.length === 0 ? (
        <EmptyState icon={CheckCircle2Icon} title="No content gaps" testId="gaps-empty">
          Questions customers ask in the widget that the agent answers “nothing found” or hands to a person
          are grouped here by meaning.
        </EmptyState>
      ) : (
        <div className="grid gap-4" data-testid="gaps-open">
          {gaps.open.map((gap) => (
            <GapCard key={gap._id} gap={gap} canAct={isAdmin} />
          ))}
        </div>
      )}
      {gaps.resolved.length > 0 && (
        <section className="grid gap-2" aria-labelledby="gaps-resolved-title">
          <h2 id="gaps-resolved-title" className="text-sm font-medium text-muted-foreground">
            Resolved
          </h2>
          <ul className="grid gap-1 text-sm" data-testid="gaps-resolved">
            {gaps.resolved.map((gap) => (
              <li key={gap._id} data-testid="gap-resolved" data-id={gap._id} className="flex flex-wrap gap-2">
                <CheckCircle2Icon className="size-4 text-success" />
                <span className="font-medium">{gap.question}</span>
                <span className="text-muted-foreground">
                  ({gap.count}×) answered by “{gap.status.kind === "resolved" ? gap.status.documentTitle : ""}
                  ”
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
