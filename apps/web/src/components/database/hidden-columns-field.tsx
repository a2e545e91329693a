"use client";

import { cn } from "@answerbase/ui/lib/utils";
import type { TableSummary } from "./table-browser";

type Policy = TableSummary["policy"];
type SharedPolicy = Exclude<Policy, { kind: "private" }>;

/** Columns that decide a customer row's owner: they cannot be hidden (the backend refuses it too). */
function ownerColumns(policy: Policy): string[] {
  if (policy.kind !== "customer") return [];
  return [policy.ownerPath[0]?.column ?? policy.ownerColumn, policy.hiddenWhen].filter(
    (name): name is string => name !== undefined && name !== "",
  );
}

/** The columns of a shared table nobody but this data grid sees, one checkbox each. */
export function HiddenColumnsField({
  table,
  policy,
  canEdit,
  onChange,
}: {
  table: TableSummary;
  policy: SharedPolicy;
  canEdit: boolean;
  onChange: (policy: Policy) => void;
}) {
  const hidden = policy.hiddenColumns ?? [];
  const toggle = (column: string, hide: boolean) => {
    const next = hide ? [...hidden, column] : hidden.filter((name) => name !== column);
    const { hiddenColumns: _, ...rest } = policy;
    onChange(next.length > 0 ? { ...rest, hiddenColumns: next } : rest);
  };
  return (
    <fieldset className="grid gap-2 rounded-lg border p-3" data-testid="hidden-columns">
      <legend className="px-1 text-sm font-medium">Hidden columns</legend>
      <p className="text-xs text-muted-foreground">
        Never shown to a customer or a visitor, never searched, never indexed and never given to the
        assistant. Only this data grid shows them. Use it for national ids, bank details, birth dates and the
        like.
      </p>
      <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
        {table.columns.map((column) => {
          const locked = ownerColumns(policy).includes(column.name);
          return (
            <label
              key={column.name}
              className={cn("flex items-center gap-2 text-sm", locked && "text-muted-foreground")}
              title={locked ? "This column decides which rows a customer owns" : undefined}
            >
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={hidden.includes(column.name)}
                disabled={!canEdit || locked}
                onChange={(event) => toggle(column.name, event.target.checked)}
                data-testid={`hide-column-${column.name}`}
              />
              <span className="font-mono">{column.name}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
