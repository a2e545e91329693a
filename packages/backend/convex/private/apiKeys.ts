import { v } from "convex/values";
import { newApiKeySecret, hashApiKey, apiKeyState } from "../apiKeys/model";
import { vApiScope } from "../apiKeys/tables";
import { appError } from "../lib/errors";
import { adminMutation, adminQuery } from "../lib/functions";
import { textFieldProblems, throwIfProblems } from "../lib/textRules";
import { API_KEY_MAX_DAYS, API_KEY_NAME_MAX } from "../shared/apiKeys";

/* The dashboard's API page: an organization's keys (admins only), created, listed, revoked, and their calls. */

const DAY_MS = 24 * 60 * 60 * 1000;
const RECENT_CALLS = 50;

export const create = adminMutation({
  args: {
    name: v.string(),
    scopes: v.array(vApiScope),
    /** Days until the key stops working; absent: until revoked. */
    expiresInDays: v.optional(v.number()),
  },
  returns: v.object({
    apiKeyId: v.id("apiKeys"),
    prefix: v.string(),
    /** The only time the secret leaves the backend: only its hash is stored. */
    secret: v.string(),
  }),
  handler: async (ctx, { name, scopes, expiresInDays }) => {
    const trimmed = name.trim();
    const unique = [...new Set(scopes)];
    throwIfProblems([
      ...(trimmed.length < 1 || trimmed.length > API_KEY_NAME_MAX
        ? [{ field: "name", message: `must be 1 to ${API_KEY_NAME_MAX} characters` }]
        : textFieldProblems("name", trimmed)),
      ...(unique.length === 0 ? [{ field: "scopes", message: "choose at least one scope" }] : []),
      ...(expiresInDays !== undefined &&
      (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > API_KEY_MAX_DAYS)
        ? [
            {
              field: "expiresInDays",
              message: `must be a whole number of days from 1 to ${API_KEY_MAX_DAYS}`,
            },
          ]
        : []),
    ]);
    const { secret, prefix } = newApiKeySecret();
    const apiKeyId = await ctx.db.insert("apiKeys", {
      organizationId: ctx.member.organizationId,
      name: trimmed,
      prefix,
      secretHash: await hashApiKey(secret),
      scopes: unique,
      createdBy: ctx.member.userId,
      ...(expiresInDays === undefined ? {} : { expiresAt: Date.now() + expiresInDays * DAY_MS }),
      status: { kind: "active" },
    });
    return { apiKeyId, prefix, secret };
  },
});

const vApiKeyRow = v.object({
  _id: v.id("apiKeys"),
  _creationTime: v.number(),
  name: v.string(),
  prefix: v.string(),
  scopes: v.array(vApiScope),
  createdBy: v.object({ userId: v.id("users"), name: v.string() }),
  lastUsedAt: v.union(v.number(), v.null()),
  expiresAt: v.union(v.number(), v.null()),
  state: v.union(v.literal("active"), v.literal("revoked"), v.literal("expired")),
});

/** Newest first; never the secret or its hash. */
export const list = adminQuery({
  args: {},
  returns: v.array(vApiKeyRow),
  handler: async (ctx) => {
    const keys = await ctx.db
      .query("apiKeys")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .order("desc")
      .take(200);
    const now = Date.now();
    return await Promise.all(
      keys.map(async (key) => {
        const creator = await ctx.db.get(key.createdBy);
        return {
          _id: key._id,
          _creationTime: key._creationTime,
          name: key.name,
          prefix: key.prefix,
          scopes: key.scopes,
          createdBy: { userId: key.createdBy, name: creator?.name ?? creator?.email ?? "Former member" },
          lastUsedAt: key.lastUsedAt ?? null,
          expiresAt: key.expiresAt ?? null,
          state: apiKeyState(key, now),
        };
      }),
    );
  },
});

/** Takes effect on the next request: the key is looked up on every call. */
export const revoke = adminMutation({
  args: { apiKeyId: v.id("apiKeys") },
  returns: v.null(),
  handler: async (ctx, { apiKeyId }) => {
    const key = await ctx.db.get(apiKeyId);
    if (key === null || key.organizationId !== ctx.member.organizationId) {
      throw appError("not_found", "This API key does not exist in this organization.");
    }
    if (key.status.kind === "active") {
      await ctx.db.patch(apiKeyId, { status: { kind: "revoked", at: Date.now(), by: ctx.member.userId } });
    }
    return null;
  },
});

/** The latest API calls from the audit log: key prefix, endpoint, status, duration (never bodies). */
export const recentCalls = adminQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("auditEvents"),
      _creationTime: v.number(),
      prefix: v.string(),
      endpoint: v.string(),
      httpStatus: v.number(),
      durationMs: v.number(),
      code: v.union(v.string(), v.null()),
    }),
  ),
  handler: async (ctx) => {
    // The index orders by outcome before time: read the newest of each outcome, then merge.
    const newest = (kind: "ok" | "error") =>
      ctx.db
        .query("auditEvents")
        .withIndex("by_organizationId_and_operation_and_outcomeKind", (q) =>
          q
            .eq("organizationId", ctx.member.organizationId)
            .eq("operation", "api_request")
            .eq("outcome.kind", kind),
        )
        .order("desc")
        .take(RECENT_CALLS);
    const events = [...(await newest("ok")), ...(await newest("error"))];
    return events
      .sort((a, b) => b._creationTime - a._creationTime)
      .slice(0, RECENT_CALLS)
      .map((event) => ({
        _id: event._id,
        _creationTime: event._creationTime,
        prefix: event.actor.kind === "api_key" ? event.actor.prefix : "",
        endpoint: event.endpoint ?? "",
        httpStatus: event.httpStatus ?? 0,
        durationMs: event.durationMs,
        code: event.outcome.kind === "error" ? event.outcome.code : null,
      }));
  },
});
