import { saveMessage } from "@convex-dev/agent";
import type { Infer } from "convex/values";
import { components, internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { noteMessage } from "../conversations/model";
import { siteUrl } from "../lib/env";
import { appError } from "../lib/errors";
import { emitEvent } from "../webhooks/events";
import { modelSchemaOf } from "./definition";
import { customerMessage, summaryOf } from "./messages";
import { auditAction, describeInputs } from "./model";
import { parseRule, ruleHolds } from "./rules";
import type { vDecider, vRunInput } from "./tables";
import type { InputValue } from "./templates";

/*
 * The run state machine. requestRun: pending_confirmation (customer gate) | pending_approval (operator
 * gate) | approved (no gate, or an auto-approval rule held). decideRun and expireRun move a pending run
 * once (a second decision, or one after expiry, throws and changes nothing); an approved run is claimed
 * by the executor (running), which records succeeded | failed. Every end state the customer did not
 * just see in a reply is followed up in the conversation by a saved assistant message.
 */

export type RequestOutcome =
  | { ok: false; refusal: string }
  | { ok: true; runId: Id<"actionRuns">; status: Doc<"actionRuns">["status"]; message: string };

type RunInput = Infer<typeof vRunInput>;

export const SIGN_IN_FIRST =
  "Only a signed-in customer can do this: tell the customer to sign in on the site first; nothing was done.";

function inputProblem(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "input"}: ${issue.message}`)
    .join("; ");
}

/**
 * A run of `action` in `conversation`: the model's inputs checked against the action's schema (a refusal
 * the model reads, before anything is stored or sent), the customer and conversation inputs filled from
 * the session, never from the model.
 */
export async function requestRun(
  ctx: MutationCtx,
  action: Doc<"agentActions">,
  conversation: Doc<"conversations">,
  modelInput: unknown,
  ownerValues: readonly { name: string; value: InputValue }[] = [],
): Promise<RequestOutcome> {
  const session = await ctx.db.get(conversation.contactSessionId);
  if (session === null) return { ok: false, refusal: "This chat session has ended." };
  const schema = modelSchemaOf(action.modelInputSchema);
  if ("problem" in schema) return { ok: false, refusal: "This action is misconfigured; tell the customer." };
  const parsed = schema.schema.safeParse(modelInput ?? {});
  if (!parsed.success)
    return {
      ok: false,
      refusal: `Refused before any request: ${inputProblem(parsed.error.issues)}. Ask the customer for what is missing or wrong.`,
    };
  const given = (parsed.data ?? {}) as Record<string, unknown>;
  const verified = session.identity.kind === "verified";
  const values = new Map<string, InputValue>();
  // Only the schema's own properties come from the model: anything else it sent is dropped.
  for (const name of schema.names) {
    const value = given[name];
    if (value !== undefined) values.set(name, value as InputValue);
  }
  const fromOwner = new Map(ownerValues.map(({ name, value }) => [name, value]));
  for (const context of action.contextInputs) {
    switch (context.from) {
      case "customer.email":
        if (session.identity.kind !== "verified") return { ok: false, refusal: SIGN_IN_FIRST };
        values.set(context.name, session.identity.ownerKey);
        break;
      case "customer.column": {
        // Read by the server (agentActions/ownerInputs.ts) for this session's verified identity.
        if (session.identity.kind !== "verified") return { ok: false, refusal: SIGN_IN_FIRST };
        const value = fromOwner.get(context.name);
        if (value === undefined)
          return { ok: false, refusal: "This action is misconfigured; tell the customer. Nothing was done." };
        values.set(context.name, value);
        break;
      }
      case "customer.name":
        values.set(context.name, session.name);
        break;
      case "conversation.id":
        values.set(context.name, conversation._id);
        break;
      case "conversation.link":
        values.set(context.name, `${siteUrl()}/conversations?c=${conversation._id}`);
        break;
    }
  }
  const redacted = new Set(action.redactedInputs);
  const inputs: RunInput[] = [...values].map(([name, value]) => ({
    name,
    value,
    redacted: redacted.has(name),
  }));
  const now = Date.now();
  let status: Doc<"actionRuns">["status"];
  let decision: Doc<"actionRuns">["decision"];
  if (action.gate.kind === "none") status = "approved";
  else if (action.gate.kind === "customer") status = "pending_confirmation";
  else {
    const clauses = action.gate.autoApprove
      ? parseRule(action.gate.autoApprove, new Set(values.keys()))
      : null;
    if (clauses !== null && !("problem" in clauses) && ruleHolds(clauses, values, verified)) {
      status = "approved";
      decision = { by: { kind: "rule", rule: action.gate.autoApprove! }, decision: "approve", at: now };
    } else status = "pending_approval";
  }
  const runId = await ctx.db.insert("actionRuns", {
    organizationId: action.organizationId,
    actionId: action._id,
    actionName: action.name,
    kind: action.kind,
    conversationId: conversation._id,
    requester: { contactSessionId: session._id, name: session.name, email: session.email, verified },
    inputs,
    summary: summaryOf(action.name, inputs),
    priority: action.priority,
    status,
    expiresAt: now + action.expiresAfterMinutes * 60_000,
    ...(decision ? { decision } : {}),
    attempts: 0,
  });
  const run = (await ctx.db.get(runId))!;
  if (status === "pending_confirmation" || status === "pending_approval")
    await ctx.scheduler.runAt(run.expiresAt, internal.system.actionRuns.expire, { runId });
  if (status === "pending_approval")
    await emitEvent(ctx, action.organizationId, "approval.requested", eventData(run));
  if (decision) await recordDecision(ctx, run);
  return { ok: true, runId, status, message: customerMessage(run) };
}

/** Ids, names and codes only: never input values (docs/webhooks.md). */
export function eventData(run: Doc<"actionRuns">) {
  return {
    runId: run._id,
    action: run.actionName,
    conversationId: run.conversationId,
    status: run.status,
    priority: run.priority,
    ...(run.decision ? { decision: run.decision.decision, decidedBy: run.decision.by.kind } : {}),
    // A database insert has no HTTP status (its result's 0 is a placeholder): none is sent.
    ...(run.result && run.kind !== "db_insert" ? { httpStatus: run.result.httpStatus } : {}),
    ...(run.error
      ? { errorCode: run.error.code, ...(run.error.httpStatus ? { httpStatus: run.error.httpStatus } : {}) }
      : {}),
  };
}

async function recordDecision(ctx: MutationCtx, run: Doc<"actionRuns">): Promise<void> {
  const by = run.decision!.by;
  await auditAction(ctx, {
    organizationId: run.organizationId,
    actor:
      by.kind === "member"
        ? { kind: "member", userId: by.userId }
        : by.kind === "customer"
          ? { kind: "contact", contactId: run.requester.contactSessionId }
          : { kind: "system", name: "auto-approval rule" },
    operation: "action_decision",
    action: run.actionName,
    detail: `${run.decision!.decision === "approve" ? "approved" : "rejected"}${by.kind === "rule" ? ` by rule ${by.rule}` : ""}: ${describeInputs(run.inputs)}`,
  });
  await emitEvent(ctx, run.organizationId, "approval.decided", eventData(run));
}

/** A saved assistant message in the run's conversation, as the agent would have said it. */
export async function followUp(ctx: MutationCtx, run: Doc<"actionRuns">): Promise<void> {
  const conversation = await ctx.db.get(run.conversationId);
  if (conversation === null) return;
  const text = customerMessage(run);
  await saveMessage(ctx, components.agent, {
    threadId: conversation.threadId,
    agentName: "Answerbase",
    message: { role: "assistant", content: text },
  });
  await noteMessage(ctx, conversation, text, "agent");
}

/**
 * Approves or rejects a pending run once. Customers decide confirmations, members approvals; anything
 * decided or expired already throws `already_decided` / `expired` and changes nothing.
 */
export async function decideRun(
  ctx: MutationCtx,
  run: Doc<"actionRuns">,
  by: Infer<typeof vDecider>,
  decision: "approve" | "reject",
  reason?: string,
): Promise<Doc<"actionRuns">> {
  const expects = by.kind === "customer" ? "pending_confirmation" : "pending_approval";
  // Each gate has its one decider: a customer never approves an operator's queue item, nor the reverse.
  const otherGate = by.kind === "customer" ? "pending_approval" : "pending_confirmation";
  if (run.status === otherGate)
    throw appError(
      "forbidden",
      by.kind === "customer"
        ? "Our team decides this request."
        : "The customer confirms this request in the chat.",
    );
  if (run.status === "expired" || (run.status === expects && Date.now() >= run.expiresAt))
    throw appError("expired", "This request expired before it was decided; nothing was changed.");
  if (run.status !== expects)
    throw appError(
      "already_decided",
      `This request was already decided (${run.status.replace("_", " ")}); nothing was changed.`,
    );
  const trimmed = reason?.trim().slice(0, 500) || undefined;
  const at = Date.now();
  await ctx.db.patch(run._id, {
    status: decision === "approve" ? "approved" : "rejected",
    decision: { by, decision, ...(trimmed ? { reason: trimmed } : {}), at },
    ...(decision === "reject" ? { finishedAt: at } : {}),
  });
  const decided = (await ctx.db.get(run._id))!;
  await recordDecision(ctx, decided);
  if (decision === "approve")
    await ctx.scheduler.runAfter(0, internal.system.actionExecutor.execute, { runId: run._id });
  // The customer who cancelled sees the card change; everyone else hears back in the conversation.
  else if (by.kind !== "customer") await followUp(ctx, decided);
  return decided;
}

export async function expireRun(ctx: MutationCtx, runId: Id<"actionRuns">): Promise<void> {
  const run = await ctx.db.get(runId);
  if (run === null || (run.status !== "pending_approval" && run.status !== "pending_confirmation")) return;
  await ctx.db.patch(run._id, { status: "expired", finishedAt: Date.now() });
  const expired = (await ctx.db.get(run._id))!;
  await auditAction(ctx, {
    organizationId: run.organizationId,
    actor: { kind: "system", name: "expiry" },
    operation: "action_decision",
    action: run.actionName,
    detail: `expired: ${describeInputs(run.inputs)}`,
  });
  await emitEvent(ctx, run.organizationId, "approval.decided", {
    ...eventData(expired),
    decision: "expired",
  });
  await followUp(ctx, expired);
}
