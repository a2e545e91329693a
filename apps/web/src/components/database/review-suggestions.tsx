"use client";

import { api } from "@answerbase/backend/api";
import { useMutation } from "convex/react";
import { ListChecksIcon, Loader2Icon } from "lucide-react";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@answerbase/ui/dialog";
import { toast } from "@answerbase/ui/sonner";
import { ErrorPanel } from "@/components/error-panel";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import { describePolicy, PolicyBadge } from "./policy-editor";
import type { TableSummary } from "./table-browser";

const key = (t: TableSummary) => `${t.schema}.${t.name}`;

/**
 * Every table without a saved policy, with its suggestion and the reason, to apply in one step after
 * reading them: suggestions that share rows are pre-selected, private ones are listed to be confirmed.
 * Nothing is applied without this review (tables stay private until then).
 */
export function ReviewSuggestions({ unsaved }: { unsaved: TableSummary[] }) {
  const { organizationId } = useOrganization();
  const apply = useMutation(api.private.dataSources.applyPolicies);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  const start = () => {
    setChosen(new Set(unsaved.filter((t) => t.suggestion.policy.kind !== "private").map(key)));
    setFailure(null);
    setOpen(true);
  };
  const submit = async () => {
    const policies = unsaved
      .filter((t) => chosen.has(key(t)))
      .map((t) => ({ schema: t.schema, table: t.name, policy: t.suggestion.policy }));
    setPending(true);
    setFailure(null);
    try {
      const { changed } = await apply({ organizationId, policies });
      toast.success(
        `${policies.length} ${policies.length === 1 ? "policy" : "policies"} applied (${changed} changed)`,
      );
      setOpen(false);
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  if (unsaved.length === 0) return null;
  return (
    <>
      <Button variant="outline" size="sm" onClick={start} data-testid="review-suggestions">
        <ListChecksIcon />
        Review suggestions ({unsaved.length})
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-w-3xl" data-testid="review-dialog">
          <DialogHeader>
            <DialogTitle>Review the suggested policies</DialogTitle>
            <DialogDescription>
              Suggestions come from table and column names and foreign keys, never from your data. Check each
              reason; only the tables you tick are saved, the others stay private.
            </DialogDescription>
          </DialogHeader>
          <ul className="grid max-h-[55vh] gap-2 overflow-y-auto pr-1">
            {unsaved.map((table) => (
              <li key={key(table)} className="rounded-lg border p-2 text-sm">
                <label className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    className="mt-1 size-4 accent-primary"
                    checked={chosen.has(key(table))}
                    onChange={(event) => {
                      const next = new Set(chosen);
                      if (event.target.checked) next.add(key(table));
                      else next.delete(key(table));
                      setChosen(next);
                    }}
                    data-testid={`review-${key(table)}`}
                  />
                  <span className="grid gap-0.5">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-mono font-medium">{key(table)}</span>
                      <PolicyBadge policy={table.suggestion.policy} />
                      <span className="text-muted-foreground">{describePolicy(table.suggestion.policy)}</span>
                    </span>
                    <span className="text-muted-foreground">{table.suggestion.reason}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {failure && <ErrorPanel title="Nothing was applied" error={failure} testId="review-error" />}
          <DialogFooter>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              onClick={() => void submit()}
              disabled={pending || chosen.size === 0}
              data-testid="review-apply"
            >
              {pending && <Loader2Icon className="animate-spin" />}
              Apply {chosen.size} {chosen.size === 1 ? "policy" : "policies"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
