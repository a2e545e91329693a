import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useMutation } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useState } from "react";
import { errorInfo } from "./errors.ts";

export type ActionRun = FunctionReturnType<typeof api.public.actionRuns.listForConversation>[number];

function valueText(value: string | number | boolean | null): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** "amount" → "Amount", "order_number" → "Order number": inputs in words, not identifiers. */
function label(name: string): string {
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An action the agent asked to run in this conversation, in the thread: what it will do (the
 * backend's one sentence and the inputs in words), then the backend's sentence for its state. A run
 * waiting for this customer has Confirm / Cancel; the backend accepts them only from this
 * conversation's own session. Redacted inputs are left out of the card.
 */
export function ActionRunCard({ run, sessionToken }: { run: ActionRun; sessionToken: string }) {
  const confirm = useMutation(api.public.actionRuns.confirm);
  const cancel = useMutation(api.public.actionRuns.cancel);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const answer = async (call: typeof confirm, runId: Id<"actionRuns">) => {
    setPending(true);
    setError(null);
    try {
      await call({ sessionToken, runId });
    } catch (caught) {
      setError(errorInfo(caught).message);
    } finally {
      setPending(false);
    }
  };

  const shown = run.inputs.filter((input) => !input.redacted);
  return (
    <section
      className={`ab-action ab-action-${run.status}`}
      aria-label={run.title}
      data-testid="action-run"
      data-status={run.status}
      data-run-id={run.runId}
    >
      <p className="ab-action-title">{run.title}</p>
      <p className="ab-action-summary" data-testid="action-run-summary">
        {run.summary}
      </p>
      {shown.length > 0 ? (
        <dl className="ab-card" data-testid="action-run-inputs">
          {shown.map((input) => (
            <div key={input.name}>
              <dt>{label(input.name)}:</dt> <dd>{valueText(input.value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="ab-action-state" role="status" data-testid="action-run-state">
        {run.message}
      </p>
      {run.status === "succeeded" && run.result.length > 0 ? (
        <dl className="ab-card" data-testid="action-run-result">
          {run.result.map((field) => (
            <div key={field.field}>
              <dt>{label(field.field)}:</dt> <dd>{valueText(field.value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {run.status === "pending_confirmation" ? (
        <div className="ab-action-buttons">
          <button
            type="button"
            className="ab-primary"
            disabled={pending}
            onClick={() => void answer(confirm, run.runId)}
            data-testid="action-run-confirm"
          >
            Confirm
          </button>
          <button
            type="button"
            className="ab-secondary"
            disabled={pending}
            onClick={() => void answer(cancel, run.runId)}
            data-testid="action-run-cancel"
          >
            Cancel
          </button>
        </div>
      ) : null}
      {error !== null ? (
        <p className="ab-error" role="alert" data-testid="action-run-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
