"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useQuery } from "convex/react";
import { PlusIcon, SearchCodeIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@answerbase/ui/card";
import { Skeleton } from "@answerbase/ui/skeleton";
import { EmptyState } from "@/components/empty-state";
import { useOrganization } from "@/lib/organization";
import { EXAMPLE_LOOKUP, lookupFromSql, type LookupDefinition } from "./lookup-definition";
import { LookupForm } from "./lookup-form";
import { LookupItem } from "./lookup-item";

const BLANK: LookupDefinition = {
  name: "",
  description: "",
  sql: "",
  parameters: [{ name: "", type: "text", description: "" }],
};

/** What the form is open for: nothing, a new lookup (maybe from the example), or one being edited. */
type Editing =
  | { kind: "closed" }
  | { kind: "new"; initial: LookupDefinition }
  | { kind: "edit"; lookupId: Id<"namedLookups"> };

/**
 * The Database page's named lookups: the list everyone sees, the editor and "try it" for admins.
 * `prefillSql` (from the SQL page) opens the editor on a new lookup with that query.
 */
export function NamedLookupsSection({ prefillSql = null }: { prefillSql?: string | null }) {
  const { organizationId, isAdmin } = useOrganization();
  const lookups = useQuery(api.private.namedLookups.list, { organizationId });
  const [editing, setEditing] = useState<Editing>(() =>
    prefillSql ? { kind: "new", initial: lookupFromSql(prefillSql) } : { kind: "closed" },
  );
  const [trying, setTrying] = useState<Id<"namedLookups"> | null>(null);
  const close = () => setEditing({ kind: "closed" });

  return (
    <Card data-testid="named-lookups" id="named-lookups">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle>Named lookups</CardTitle>
          <CardDescription className="max-w-2xl">
            Questions you answer with one query you wrote: the agent gets each as a tool, fills its parameters
            from the conversation, and the rows are scoped to the verified customer like any other lookup.
          </CardDescription>
        </div>
        {isAdmin && editing.kind === "closed" && (
          <Button onClick={() => setEditing({ kind: "new", initial: BLANK })} data-testid="named-lookup-new">
            <PlusIcon /> New lookup
          </Button>
        )}
      </CardHeader>
      <CardContent className="grid gap-4">
        {isAdmin && editing.kind === "new" && (
          <LookupForm initial={editing.initial} onDone={close} onCancel={close} />
        )}
        {lookups === undefined ? (
          <Skeleton className="h-24 w-full" data-testid="named-lookups-loading" />
        ) : lookups.length === 0 ? (
          editing.kind === "closed" && (
            <EmptyState
              icon={SearchCodeIcon}
              title="No named lookups yet"
              testId="named-lookups-empty"
              action={
                isAdmin && (
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => setEditing({ kind: "new", initial: EXAMPLE_LOOKUP })}
                    data-testid="named-lookup-use-example"
                  >
                    Start from this example
                  </Button>
                )
              }
            >
              <p>
                A named lookup is a SELECT with placeholders and a description, e.g.{" "}
                <span className="font-mono text-foreground">{EXAMPLE_LOOKUP.name}</span>: &ldquo;
                {EXAMPLE_LOOKUP.description}&rdquo;
              </p>
              <pre className="mt-2 rounded-md bg-muted px-3 py-2 text-left font-mono text-xs whitespace-pre-wrap text-foreground">
                {EXAMPLE_LOOKUP.sql}
              </pre>
              <p className="mt-2">
                When a customer asks &ldquo;where is order #1001?&rdquo;, the agent calls it with 1001 instead
                of writing its own SQL.
                {!isAdmin && " An admin or owner of this organization can add one."}
              </p>
            </EmptyState>
          )
        ) : (
          <ul className="divide-y" data-testid="named-lookup-list">
            {lookups.map((lookup) =>
              isAdmin && editing.kind === "edit" && editing.lookupId === lookup.lookupId ? (
                <li key={lookup.lookupId} className="py-4 first:pt-0 last:pb-0">
                  <LookupForm editing={lookup} initial={lookup} onDone={close} onCancel={close} />
                </li>
              ) : (
                <LookupItem
                  key={lookup.lookupId}
                  lookup={lookup}
                  isAdmin={isAdmin}
                  trying={trying === lookup.lookupId}
                  onToggleTry={() => setTrying((t) => (t === lookup.lookupId ? null : lookup.lookupId))}
                  onEdit={() => {
                    setTrying(null);
                    setEditing({ kind: "edit", lookupId: lookup.lookupId });
                  }}
                />
              ),
            )}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
