import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { vActor } from "../audit/tables";
import { tableKey, type PolicyMap } from "../access/viewer";
import { dataSourceAccessOf, savedPoliciesOf } from "../dataSources/model";
import { sealSecret } from "../dataSources/secretBox";
import { encryptionKey } from "../lib/env";
import { appError } from "../lib/errors";
import {
  actionDefinitionFields,
  actionRunFields,
  type ActionDefinitionInput,
  type vHeaderInput,
  type vRunInput,
} from "./tables";

/* Views and helpers shared by the actions' private, public and system functions. */

export const REDACTED = "[redacted]";

/** A header as admins see it: plain values, and for secret ones only whether a value is set. */
export const vHeaderView = v.object({
  name: v.string(),
  value: v.optional(v.string()),
  secret: v.boolean(),
  set: v.boolean(),
});

const { writeConnectionString: _write, ...viewFields } = actionDefinitionFields;
void _write;

export const vActionView = v.object({
  _id: v.id("agentActions"),
  ...viewFields,
  headers: v.array(vHeaderView),
  /** `db_insert`: whether a write credential is saved (its value never leaves the backend). */
  writeCredentialSet: v.boolean(),
  updatedAt: v.number(),
});
export type ActionView = Infer<typeof vActionView>;

export function actionView(
  action: Doc<"agentActions">,
  sealed: { headerNames: ReadonlySet<string>; writeCredentialSet: boolean },
): ActionView {
  const { _creationTime, organizationId, updatedBy, headers, ...rest } = action;
  void _creationTime;
  void organizationId;
  void updatedBy;
  const sealedNames = sealed.headerNames;
  return {
    ...rest,
    writeCredentialSet: sealed.writeCredentialSet,
    headers: headers.map((header) =>
      header.secret
        ? { name: header.name, secret: true, set: sealedNames.has(header.name) }
        : { name: header.name, value: header.value ?? "", secret: false, set: true },
    ),
  };
}

/** Which secrets an action has saved: names and "set" only, never a value. */
export async function sealedState(
  ctx: QueryCtx,
  actionId: Id<"agentActions">,
): Promise<{ headerNames: Set<string>; writeCredentialSet: boolean }> {
  const secrets = await ctx.db
    .query("agentActionSecrets")
    .withIndex("by_actionId", (q) => q.eq("actionId", actionId))
    .unique();
  return {
    headerNames: new Set(secrets?.headers.map((header) => header.name) ?? []),
    writeCredentialSet: secrets?.writeCredential !== undefined,
  };
}

/** The policies of the organization's connected database, keyed as the lookups key them. */
export async function policyMapOf(ctx: QueryCtx, organizationId: Id<"organizations">): Promise<PolicyMap> {
  const dataSource = await dataSourceAccessOf(ctx, organizationId);
  if (dataSource === null) return new Map();
  const saved = await savedPoliciesOf(ctx, dataSource.dataSourceId);
  return new Map(saved.map(({ policy, ...table }) => [tableKey({ ...table, name: table.table }), policy]));
}

export async function requireFreeName(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  name: string,
  except?: Id<"agentActions">,
) {
  const same = await ctx.db
    .query("agentActions")
    .withIndex("by_organizationId_and_name", (q) => q.eq("organizationId", organizationId).eq("name", name))
    .first();
  if (same !== null && same._id !== except)
    throw appError("invalid_input", `An action named "${name}" exists already.`, {
      fields: [{ field: "name", message: "Choose another name." }],
    });
}

export function writeCredentialAdditionalData(
  organizationId: Id<"organizations">,
  actionId: Id<"agentActions">,
) {
  return `${organizationId}/agentActions/${actionId}/writeCredential`;
}

/**
 * `db_insert`: seals a new write credential, or keeps the saved one when none is given (a new action
 * without one is refused). For any other kind, a saved credential is dropped. Never on the action row.
 */
export async function saveWriteCredential(
  ctx: MutationCtx,
  action: Doc<"agentActions">,
  connectionString: string | undefined,
): Promise<void> {
  const existing = await ctx.db
    .query("agentActionSecrets")
    .withIndex("by_actionId", (q) => q.eq("actionId", action._id))
    .unique();
  if (action.kind !== "db_insert") {
    if (existing?.writeCredential !== undefined)
      await ctx.db.patch(existing._id, { writeCredential: undefined });
    return;
  }
  if (connectionString === undefined) {
    if (existing?.writeCredential !== undefined) return;
    throw appError("invalid_input", "Give the write credential (a postgres:// connection string).", {
      fields: [{ field: "writeConnectionString", message: "Give the write credential." }],
    });
  }
  const writeCredential = await sealSecret(
    connectionString,
    encryptionKey(),
    writeCredentialAdditionalData(action.organizationId, action._id),
  );
  if (existing === null)
    await ctx.db.insert("agentActionSecrets", {
      organizationId: action.organizationId,
      actionId: action._id,
      headers: [],
      writeCredential,
    });
  else await ctx.db.patch(existing._id, { writeCredential });
}

/** The organization's action, or not_found (another organization's id looks the same as none). */
export async function requireAction(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  actionId: Id<"agentActions">,
): Promise<Doc<"agentActions">> {
  const action = await ctx.db.get(actionId);
  if (action === null || action.organizationId !== organizationId)
    throw appError("not_found", "This action does not exist.");
  return action;
}

export function secretAdditionalData(organizationId: Id<"organizations">, actionId: Id<"agentActions">) {
  return `${organizationId}/agentActions/${actionId}`;
}

/**
 * Seals the secret header values given and keeps the saved ones for secret headers given without a
 * value; a new secret header without a value is refused. Values never stay on the action row.
 */
export async function saveHeaders(
  ctx: MutationCtx,
  action: Doc<"agentActions">,
  headers: Infer<typeof vHeaderInput>[],
): Promise<void> {
  const existing = await ctx.db
    .query("agentActionSecrets")
    .withIndex("by_actionId", (q) => q.eq("actionId", action._id))
    .unique();
  const kept = new Map((existing?.headers ?? []).map((header) => [header.name, header]));
  const sealed = [];
  for (const header of headers.filter((h) => h.secret)) {
    if (header.value !== undefined && header.value !== "") {
      const box = await sealSecret(
        header.value,
        encryptionKey(),
        secretAdditionalData(action.organizationId, action._id),
      );
      sealed.push({ name: header.name, ...box });
    } else {
      const saved = kept.get(header.name);
      if (saved === undefined)
        throw appError("invalid_input", `Give the secret header "${header.name}" a value.`, {
          fields: [{ field: "headers", message: `Give the secret header "${header.name}" a value.` }],
        });
      sealed.push(saved);
    }
  }
  if (existing === null)
    await ctx.db.insert("agentActionSecrets", {
      organizationId: action.organizationId,
      actionId: action._id,
      headers: sealed,
    });
  else await ctx.db.patch(existing._id, { headers: sealed });
}

/** The action row's fields: secret header values and the write credential left out. */
export function storedDefinition(definition: ActionDefinitionInput) {
  const { writeConnectionString: _secret, ...stored } = definition;
  void _secret;
  return { ...stored, headers: storedHeaders(definition) };
}

/** The row's header list: plain values kept, secret values never. */
export function storedHeaders(definition: ActionDefinitionInput) {
  return definition.headers.map((header) =>
    header.secret
      ? { name: header.name, secret: true }
      : { name: header.name, value: header.value, secret: false },
  );
}

type RunInput = Infer<typeof vRunInput>;

/** Inputs for any eye but the executor's: redacted values replaced. */
export function redactedInputs(inputs: readonly RunInput[]): RunInput[] {
  return inputs.map((input) => (input.redacted ? { ...input, value: REDACTED } : input));
}

/** `name=value, …` for audit entries, redacted. */
export function describeInputs(inputs: readonly RunInput[]): string {
  return redactedInputs(inputs)
    .map((input) => `${input.name}=${JSON.stringify(input.value)}`)
    .join(", ")
    .slice(0, 500);
}

export const vRunView = v.object({
  _id: v.id("actionRuns"),
  _creationTime: v.number(),
  ...actionRunFields,
  /** The member who decided, by name (absent for customers, rules and undecided runs). */
  decidedByName: v.optional(v.string()),
});
export type RunView = Infer<typeof vRunView>;

/** A run for operators: inputs redacted, error details kept (they are for operators). */
export async function runView(ctx: QueryCtx, run: Doc<"actionRuns">): Promise<RunView> {
  const by = run.decision?.by;
  const user = by?.kind === "member" ? await ctx.db.get(by.userId) : null;
  const decidedByName = user ? (user.name ?? user.email) : undefined;
  return {
    ...run,
    inputs: redactedInputs(run.inputs),
    ...(decidedByName === undefined ? {} : { decidedByName }),
  };
}

type Actor = Infer<typeof vActor>;

export async function auditAction(
  ctx: MutationCtx,
  entry: {
    organizationId: Id<"organizations">;
    actor: Actor;
    operation: "action_definition" | "action_decision" | "action_call";
    action: string;
    detail: string;
    durationMs?: number;
    httpStatus?: number;
    errorCode?: string;
  },
): Promise<void> {
  await ctx.db.insert("auditEvents", {
    organizationId: entry.organizationId,
    actor: entry.actor,
    operation: entry.operation,
    action: entry.action,
    detail: entry.detail.slice(0, 1_000),
    durationMs: entry.durationMs ?? 0,
    ...(entry.httpStatus === undefined ? {} : { httpStatus: entry.httpStatus }),
    outcome: entry.errorCode === undefined ? { kind: "ok" } : { kind: "error", code: entry.errorCode },
  });
}
