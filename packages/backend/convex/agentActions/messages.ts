import type { Doc } from "../_generated/dataModel";

/*
 * What the customer reads about a run, in plain words, and the one-line summary of what it will do.
 * Facts come only from the run (its inputs and mapped result fields); details of failures stay with the
 * operators (the run's error.detail).
 */

type Run = Pick<Doc<"actionRuns">, "actionName" | "inputs" | "status" | "result" | "error" | "decision">;

export function titleOf(actionName: string): string {
  const words = actionName.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function summaryOf(actionName: string, inputs: Doc<"actionRuns">["inputs"]): string {
  const shown = inputs
    .filter((input) => !input.redacted)
    .map((input) => `${input.name.replace(/_/g, " ")}: ${String(input.value)}`);
  return `${titleOf(actionName)}${shown.length > 0 ? ` (${shown.join(", ")})` : ""}.`;
}

function resultWords(run: Run): string {
  const fields = run.result?.fields ?? [];
  if (fields.length === 0) return "";
  return ` ${fields.map((f) => `${f.field.replace(/_/g, " ")}: ${String(f.value)}`).join(", ")}.`;
}

/** The sentence for the customer once the run has reached `run.status`. */
export function customerMessage(run: Run): string {
  const title = `"${titleOf(run.actionName)}"`;
  switch (run.status) {
    case "pending_confirmation":
      return `Please confirm ${title} in the card below; nothing happens until you do.`;
    case "pending_approval":
      return `I've sent your request ${title} to our team for approval. I'll let you know here as soon as it's decided.`;
    case "approved":
    case "running":
      return `Your request ${title} was approved and is being carried out.`;
    case "rejected":
      return run.decision?.by.kind === "customer"
        ? `Okay, I've cancelled ${title}; nothing was done.`
        : `Your request ${title} was not approved${run.decision?.reason ? `: ${run.decision.reason}` : "."}${run.decision?.reason && !/[.!?]$/.test(run.decision.reason) ? "." : ""}`;
    case "expired":
      return `Your request ${title} expired before it was decided, so nothing was done. You can ask again.`;
    case "succeeded":
      return `Done: ${title} went through.${resultWords(run)}`;
    case "failed":
      return `Sorry, ${title} could not be completed${run.error?.message ? `: ${run.error.message}` : "."} Nothing else was changed; you can ask again or talk to a person.`;
  }
}
