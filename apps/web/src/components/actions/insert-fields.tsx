"use client";

import { api } from "@answerbase/backend/api";
import { useAction } from "convex/react";
import { XIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@answerbase/ui/button";
import { SecretField } from "@/components/database/secret-field";
import { SELECT_CLASS } from "@/components/database/named-lookups/parameter-rows";
import { AddButton } from "@/components/form";
import { errorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import type { ActionDraft, CatalogTable, FieldErrors, InsertColumnDraft } from "./action-definition";

/*
 * A database insert's own fields: the table (picked from the connected database's catalog), which input
 * fills each column, and the write credential — a second connection string, masked like the Database
 * page's, sealed by the backend and never shown again. The backend checks all of it against the
 * catalog on Save.
 */

function useCatalog(): { tables: CatalogTable[]; problem: string | null } {
  const { organizationId } = useOrganization();
  const listTables = useAction(api.private.dataSourceActions.listTables);
  const [tables, setTables] = useState<CatalogTable[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    listTables({ organizationId }).then(
      (found) => live && setTables(found.filter((t) => t.kind === "table" || t.kind === "partitioned_table")),
      (error: unknown) => live && setProblem(errorInfo(error).message),
    );
    return () => {
      live = false;
    };
  }, [listTables, organizationId]);
  return { tables, problem };
}

export function InsertFields({
  draft,
  errors,
  set,
  nextKey,
}: {
  draft: ActionDraft;
  errors: FieldErrors;
  set: (change: Partial<ActionDraft>) => void;
  nextKey: { current: number };
}) {
  const { tables, problem } = useCatalog();
  const [revealed, setRevealed] = useState(false);
  const table = tables.find((t) => `${t.schema}.${t.name}` === draft.insertTable);
  const inputNames = draft.inputs.map((i) => i.name.trim()).filter((name) => name !== "");
  const setColumn = (index: number, change: Partial<InsertColumnDraft>) =>
    set({ insertColumns: draft.insertColumns.map((c, i) => (i === index ? { ...c, ...change } : c)) });

  return (
    <fieldset className="grid gap-3" data-testid="action-insert">
      <legend className="mb-1.5 text-sm font-medium">Database insert</legend>
      <p className="text-xs text-muted-foreground">
        Adds one row to this table when the action runs, with each value bound as a parameter (never spliced
        into SQL), and reads back only the new row&apos;s primary key. The agent cannot choose the table or
        the columns. It writes through the write credential below, never through the database&apos;s read-only
        connection: give it a role that may only INSERT into this table.
      </p>
      <div className="grid gap-1.5">
        <label htmlFor="action-insert-table" className="text-sm font-medium">
          Table
        </label>
        <select
          id="action-insert-table"
          value={draft.insertTable}
          className={SELECT_CLASS}
          onChange={(e) => set({ insertTable: e.target.value })}
          data-testid="action-insert-table"
        >
          <option value="">Choose a table…</option>
          {/* A saved table the catalog no longer lists stays selectable, so the backend can say why. */}
          {draft.insertTable !== "" && table === undefined && <option>{draft.insertTable}</option>}
          {tables.map((t) => (
            <option key={`${t.schema}.${t.name}`} value={`${t.schema}.${t.name}`}>
              {t.schema}.{t.name}
              {t.primaryKey.length === 0 ? " (no primary key)" : ""}
            </option>
          ))}
        </select>
        {problem && <p className="text-sm text-destructive">The tables could not be listed: {problem}</p>}
      </div>
      {draft.insertColumns.map((row, i) => (
        <div key={row.key} className="flex items-center gap-2" data-testid={`action-insert-column-${i}`}>
          <select
            value={row.column}
            aria-label={`Column ${i + 1}`}
            className={SELECT_CLASS}
            onChange={(e) => setColumn(i, { column: e.target.value })}
            data-testid={`action-insert-column-${i}-column`}
          >
            <option value="">Column…</option>
            {row.column !== "" && !table?.columns.some((c) => c.name === row.column) && (
              <option>{row.column}</option>
            )}
            {table?.columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.nativeType}
                {c.nullable ? "" : ", required"})
              </option>
            ))}
          </select>
          <span className="text-sm text-muted-foreground">←</span>
          <select
            value={row.input}
            aria-label={`Input for column ${i + 1}`}
            className={SELECT_CLASS}
            onChange={(e) => setColumn(i, { input: e.target.value })}
            data-testid={`action-insert-column-${i}-input`}
          >
            <option value="">Input…</option>
            {row.input !== "" && !inputNames.includes(row.input) && <option>{row.input}</option>}
            {inputNames.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            aria-label={`Remove column ${i + 1}`}
            onClick={() => set({ insertColumns: draft.insertColumns.filter((_, j) => j !== i) })}
          >
            <XIcon />
          </Button>
        </div>
      ))}
      {errors.insert && (
        <p className="text-sm text-destructive" data-testid="action-insert-error">
          {errors.insert}
        </p>
      )}
      <AddButton
        onClick={() =>
          set({ insertColumns: [...draft.insertColumns, { key: nextKey.current++, column: "", input: "" }] })
        }
        testId="action-insert-column-add"
      >
        Map a column
      </AddButton>
      <SecretField
        id="action-write-credential"
        label="Write credential"
        help={
          draft.writeCredentialStored
            ? "Saved (never shown again). Leave empty to keep it; type a new connection string to replace it."
            : "A postgres:// connection string for a role that may INSERT into this table; stored encrypted, never shown again."
        }
        error={errors.writeConnectionString}
        revealed={revealed}
        onRevealedChange={setRevealed}
        value={draft.writeConnectionString}
        autoComplete="off"
        placeholder={
          draft.writeCredentialStored ? "•••••• (saved)" : "postgresql://writer:password@host:5432/shop"
        }
        onChange={(e) => set({ writeConnectionString: e.target.value })}
      />
    </fieldset>
  );
}
