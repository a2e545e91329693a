"use client";

import { api } from "@answerbase/backend/api";
import { useAction } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { EyeIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ErrorPanel } from "@/components/error-panel";
import { InputField } from "@/components/field";
import { SubmitButton } from "@/components/form";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import { RowsTable } from "./rows-table";
import type { TableSummary } from "./table-browser";

type View = FunctionReturnType<typeof api.private.dataSourceActions.previewAsCustomer>;

/**
 * The rows the widget would give one customer (or a visitor) from this table under the policy being
 * edited, before it is saved: the same owner filter and hidden columns the lookups apply.
 */
export function CustomerView({ table, policy }: { table: TableSummary; policy: TableSummary["policy"] }) {
  const { organizationId } = useOrganization();
  const preview = useAction(api.private.dataSourceActions.previewAsCustomer);
  const [email, setEmail] = useState("");
  const [pending, setPending] = useState(false);
  const [view, setView] = useState<View | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  const show = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    try {
      setView(
        await preview({
          organizationId,
          schema: table.schema,
          table: table.name,
          policy,
          email: email.trim() === "" ? null : email.trim(),
        }),
      );
    } catch (error) {
      setView(null);
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="grid gap-3 rounded-lg border p-3" data-testid="customer-view">
      <form className="flex flex-wrap items-end gap-2" onSubmit={(event) => void show(event)}>
        <InputField
          id="customer-view-email"
          label="What would this customer see?"
          type="email"
          placeholder="customer@example.com (empty: a visitor)"
          className="w-72"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <SubmitButton pending={pending} icon={EyeIcon} variant="outline" data-testid="customer-view-show">
          Show
        </SubmitButton>
      </form>
      <p className="text-xs text-muted-foreground">
        Uses the policy as edited above, even before you save it: their own rows only, hidden columns left
        out.
      </p>
      {failure && (
        <ErrorPanel title="The preview did not work" error={failure} testId="customer-view-error" />
      )}
      {view?.kind === "refused" && (
        <p className="text-sm" data-testid="customer-view-refused">
          Nothing from this table: {view.message}
        </p>
      )}
      {view?.kind === "rows" &&
        (view.rows.length === 0 ? (
          <p className="text-sm" data-testid="customer-view-empty">
            No rows: this customer owns none here.
          </p>
        ) : (
          <>
            <RowsTable columns={view.columns} rows={view.rows} testId="customer-view-rows" />
            {view.more && <p className="text-xs text-muted-foreground">More rows not shown.</p>}
          </>
        ))}
    </section>
  );
}
