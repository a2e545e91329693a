"use client";

import { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";
import { useAction } from "convex/react";
import { Loader2Icon, SearchIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { ErrorPanel } from "@/components/error-panel";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

type Hits = FunctionReturnType<typeof api.private.knowledgeSearch.search>;

/** What the agent would retrieve for a question (every scope, as an admin sees it). */
export function KnowledgeSearch() {
  const { organizationId } = useOrganization();
  const search = useAction(api.private.knowledgeSearch.search);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Hits | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [inputError, setInputError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim().length < 2) return setInputError("Type a question or a few words.");
    setInputError(undefined);
    setPending(true);
    setFailure(null);
    try {
      setHits(await search({ organizationId, query: query.trim(), limit: 8 }));
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="grid gap-3">
      <form className="flex gap-2" onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid flex-1 gap-1">
          <Input
            aria-label="Ask what a customer would ask"
            aria-invalid={inputError ? true : undefined}
            placeholder="e.g. How do I return an item?"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="knowledge-query"
          />
          {inputError && <p className="text-sm text-destructive">{inputError}</p>}
        </div>
        <Button type="submit" disabled={pending} data-testid="knowledge-search">
          {pending ? <Loader2Icon className="animate-spin" /> : <SearchIcon />} Search
        </Button>
      </form>
      {failure && <ErrorPanel title="The search failed" error={failure} />}
      {hits !== null &&
        (hits.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="knowledge-no-hits">
            Nothing above the relevance threshold: the agent would say it found nothing for this question.
          </p>
        ) : (
          <ol className="grid gap-2" data-testid="knowledge-hits">
            {hits.map((hit, i) => (
              <li key={i} className="grid gap-1 rounded-md border p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge variant="outline">{hit.source.kind === "row" ? "Database row" : "Document"}</Badge>
                  <span className="font-medium">
                    {hit.source.kind === "row" ? hit.source.key : hit.source.title}
                  </span>
                  {hit.namespace === "global" && <Badge variant="secondary">global</Badge>}
                  <span className="ml-auto font-mono text-xs text-muted-foreground">
                    score {hit.score.toFixed(3)}
                  </span>
                </div>
                <p className="line-clamp-4 whitespace-pre-wrap text-muted-foreground">{hit.text}</p>
              </li>
            ))}
          </ol>
        ))}
    </div>
  );
}
