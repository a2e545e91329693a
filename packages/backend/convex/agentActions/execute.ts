"use node";

import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import type { NetworkAccess } from "@answerbase/egress";
import { describeOutcomeError, prepareRequest, send, type ActionDefinition, type SealedHeader } from "./http";
import type { SealedSecret } from "../dataSources/secretBox";
import { runInsert } from "./insert";
import { resolveOwnerInputs } from "./ownerInputs";
import type { InputValue } from "./templates";

type Field = { field: string; value: InputValue };

interface Claimed {
  inputs: { name: string; value: InputValue; redacted: boolean }[];
  action: ActionDefinition & Pick<Doc<"agentActions">, "insert">;
  sealed: SealedHeader[];
  writeCredential: SealedSecret | null;
  network: NetworkAccess;
}

/** The record mutation's arguments for a `db_insert` run (the primary key as the result's fields). */
async function insertRecord(claimed: Claimed, values: ReadonlyMap<string, InputValue>) {
  const outcome = await runInsert(claimed.action, claimed.writeCredential, values, claimed.network, false);
  if (outcome.kind === "error") {
    const { kind: _kind, durationMs, ...error } = outcome;
    void _kind;
    return { durationMs, error, fields: [] };
  }
  const durationMs = outcome.row.durationMs;
  return {
    durationMs,
    result: { httpStatus: 0, durationMs, fields: outcome.fields },
    fields: outcome.fields,
  };
}

/**
 * Runs an approved run: claim it (once), call the target, record the outcome. `followUp` is false
 * when the agent's own reply tells the customer (no gate, or auto-approved during the turn).
 * Returns what the customer is told and the mapped fields, or null when the run was not claimable.
 */
export async function executeRun(
  ctx: ActionCtx,
  runId: Id<"actionRuns">,
  followUp: boolean,
): Promise<{ message: string; ok: boolean; fields: Field[]; targetMs: number } | null> {
  const claimed: Claimed | null = await ctx.runMutation(internal.system.actionRuns.claim, { runId });
  if (claimed === null) return null;
  const values = new Map(claimed.inputs.map((input) => [input.name, input.value]));
  if (claimed.action.kind === "db_insert") {
    const { fields, ...recorded } = await insertRecord(claimed, values);
    const message: string = await ctx.runMutation(internal.system.actionRuns.record, {
      runId,
      followUp,
      ...recorded,
    });
    return { message, ok: recorded.error === undefined, fields, targetMs: recorded.durationMs };
  }
  const started = performance.now();
  let outcome;
  try {
    const prepared = await prepareRequest(claimed.action, claimed.sealed, values, runId);
    outcome = await send(claimed.action, prepared, claimed.network);
  } catch (error) {
    // Opening a secret failed (a rotated deployment key): the operator sees why, the customer plain words.
    outcome = {
      kind: "error" as const,
      code: "secret_corrupted",
      detail: (error as Error).message.slice(0, 300),
      durationMs: Math.round(performance.now() - started),
    };
  }
  const error = describeOutcomeError(outcome);
  const message: string = await ctx.runMutation(internal.system.actionRuns.record, {
    runId,
    durationMs: outcome.durationMs,
    followUp,
    ...(error === null
      ? {
          result: {
            httpStatus: outcome.kind === "response" ? outcome.httpStatus : 0,
            durationMs: outcome.durationMs,
            fields: outcome.kind === "response" ? outcome.fields : [],
          },
        }
      : { error }),
  });
  return {
    message,
    ok: error === null,
    fields: outcome.kind === "response" && error === null ? outcome.fields : [],
    targetMs: outcome.durationMs,
  };
}

export interface RequestedRun {
  ok: boolean;
  /** The run's status after this call, or "refused" when no run was created. */
  status: string;
  message: string;
  /** For the model only: what to fix when refused. */
  refusal?: string;
  fields: Field[];
  /** How long the target took, when it was called now. */
  targetMs?: number;
}

/**
 * What the agent's tool does: request a run (inputs checked, identity filled server-side), and when it
 * is approved at once (no gate, or an auto-approval rule) run it now — the reply tells the result, so
 * no follow-up message is saved. A gated run returns its waiting message.
 */
export async function requestAndRun(
  ctx: ActionCtx,
  request: { actionId: Id<"agentActions">; conversationId: Id<"conversations">; modelInput: unknown },
): Promise<RequestedRun> {
  const owner = await resolveOwnerInputs(ctx, request);
  const requested =
    owner.kind === "refused"
      ? { ok: false as const, refusal: owner.refusal }
      : await ctx.runMutation(internal.system.actionRuns.request, { ...request, ownerValues: owner.values });
  if (!requested.ok)
    return {
      ok: false,
      status: "refused",
      message: `I couldn't do that: ${requested.refusal.replace(/^Refused before any request: /, "")}`,
      refusal: requested.refusal,
      fields: [],
    };
  if (requested.status !== "approved")
    return { ok: true, status: requested.status, message: requested.message, fields: [] };
  const done = await executeRun(ctx, requested.runId, false);
  if (done === null) return { ok: false, status: "failed", message: requested.message, fields: [] };
  return {
    ok: done.ok,
    status: done.ok ? "succeeded" : "failed",
    message: done.message,
    fields: done.fields,
    targetMs: done.targetMs,
  };
}
