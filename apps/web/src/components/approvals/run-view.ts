import type { api } from "@answerbase/backend/api";
import type { FunctionReturnType } from "convex/server";

/* The runs the Approvals page shows, as the backend returns them, and how their parts read. */

/** The operators' view of a run: inputs an admin marked redacted come as "[redacted]". */
export type RunView = FunctionReturnType<typeof api.private.approvals.listPending>[number];

/** "12 min 05 s left", "expired"; whole seconds, so a countdown ticks once a second. */
export function timeLeft(expiresAt: number, now: number): string {
  const seconds = Math.floor((expiresAt - now) / 1000);
  if (seconds <= 0) return "expired";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min left`;
  return `${m} min ${String(s).padStart(2, "0")} s left`;
}

/** An input as the queue shows it (the backend already replaced a redacted value). */
export function inputText(input: { value: string | number | boolean | null }): string {
  return input.value === null ? "—" : String(input.value);
}
