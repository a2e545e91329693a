// Who may call what, as one table: every public and private function is called as each kind of caller
// (a visitor, a verified contact, a member, an admin, the owner, another organization's owner) and the
// answer is compared with the row's expectation. A function without a row fails the suite, so a new
// endpoint must state its roles here. The README's "Roles" table is this matrix in words.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { getFunctionName, type FunctionArgs, type FunctionReference } from "convex/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { signIdentity } from "../convex/contacts/identity.ts";
import {
  CONVEX_DIR,
  createUser,
  demoConfigs,
  deploymentEnv,
  grantPrivateNetworks,
  startBackend,
  type Backend,
  type Caller,
} from "./support/backend.ts";

const CALLERS = ["anonymous", "contact", "member", "admin", "owner", "otherOwner"] as const;
type Who = (typeof CALLERS)[number];
/** Answers that refuse the caller rather than the request. */
const REFUSALS = ["unauthenticated", "forbidden", "not_found", "session_expired"] as const;
type Refusal = (typeof REFUSALS)[number];
/** "allow": it ran, or failed for a reason about the request (invalid_input, last_owner, ...), not the caller. */
type Outcome = "allow" | Refusal;
type Expected = Record<Who, Outcome>;

/** What each caller holds: a sign-in (or none) and a widget session token. */
interface Holder {
  as: Caller;
  /** The anonymous visitor and the contact have their own session in the organization; the other
   * owner one of their own organization's widget; the dashboard users none (a token never issued). */
  sessionToken: string;
}

const anyone: Expected = {
  anonymous: "allow",
  contact: "allow",
  member: "allow",
  admin: "allow",
  owner: "allow",
  otherOwner: "allow",
};
const signedIn: Expected = { ...anyone, anonymous: "unauthenticated", contact: "unauthenticated" };
const members: Expected = { ...signedIn, otherOwner: "forbidden" };
const admins: Expected = { ...members, member: "forbidden" };
/** Chat functions of a session (start, list): every session reaches its own. */
const anySession: Expected = {
  ...anyone,
  member: "session_expired",
  admin: "session_expired",
  owner: "session_expired",
};
/** Chat functions on the contact's conversation: only the session it belongs to reaches it. */
const ownConversation: Expected = { ...anySession, anonymous: "not_found", otherOwner: "not_found" };

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;
let holders: Record<Who, Holder>;
let users: Record<"member" | "admin" | "owner" | "bystander", Id<"users">>;
let conversationId: Id<"conversations">;
let jobId: Id<"ingestionJobs">;
/** An organization elsewhere whose invitations anyone signed in may preview and accept. */
let elsewhere: { organizationId: Id<"organizations">; owner: Caller };
const page = { numItems: 5, cursor: null };

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  const owner = await createUser(t, "owner@acme.test");
  organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Acme" });
  await grantPrivateNetworks(t, organizationId);
  await owner.as.action(api.private.dataSourceActions.save, {
    organizationId,
    config: demoConfigs(cloud).neon!,
  });
  const staff = async (email: string, role: "member" | "admin") => {
    const user = await createUser(t, email);
    await t.run((ctx) => ctx.db.insert("memberships", { organizationId, userId: user.userId, role }));
    return user;
  };
  const member = await staff("member@acme.test", "member");
  const admin = await staff("admin@acme.test", "admin");
  const bystander = await staff("bystander@acme.test", "member");
  users = { owner: owner.userId, member: member.userId, admin: admin.userId, bystander: bystander.userId };

  const other = await createUser(t, "owner@other.test");
  const otherOrganization = await other.as.mutation(api.private.organizations.create, { name: "Other" });
  const helper = await createUser(t, "owner@elsewhere.test");
  elsewhere = {
    organizationId: await helper.as.mutation(api.private.organizations.create, { name: "Elsewhere" }),
    owner: helper.as,
  };

  const { secret } = await owner.as.mutation(api.private.widgetIdentity.rotateSecret, { organizationId });
  const session = (orgId: Id<"organizations">, email: string, signature?: string) =>
    t.mutation(api.public.contactSessions.start, {
      organizationId: orgId,
      name: "Visitor",
      email,
      signature,
    });
  const contact = await session(
    organizationId,
    "alice@example.com",
    await signIdentity(secret, "alice@example.com"),
  );
  expect(contact.verified).toBe(true);
  conversationId = (await t.mutation(api.public.conversations.start, { sessionToken: contact.sessionToken }))
    .conversationId;
  const noSession = "never-issued-session-token";
  holders = {
    anonymous: { as: t, sessionToken: (await session(organizationId, "visitor@example.com")).sessionToken },
    contact: { as: t, sessionToken: contact.sessionToken },
    member: { as: member.as, sessionToken: noSession },
    admin: { as: admin.as, sessionToken: noSession },
    owner: { as: owner.as, sessionToken: noSession },
    otherOwner: {
      as: other.as,
      sessionToken: (await session(otherOrganization, "owner@other.test")).sessionToken,
    },
  };

  // A finished ingestion job and a named lookup to act on.
  const dataSourceId = await t.run(async (ctx) => (await ctx.db.query("dataSources").first())!._id);
  jobId = await t.run((ctx) =>
    ctx.db.insert("ingestionJobs", {
      organizationId,
      dataSourceId,
      status: { kind: "done" },
      startedBy: { kind: "member", userId: owner.userId },
      modelId: "",
      tables: [],
      recentErrors: [],
      step: 0,
      heartbeatAt: Date.now(),
      consecutiveFailures: 0,
      timings: { readMs: 0, embedMs: 0, writeMs: 0 },
    }),
  );
  await namedLookup("order_status");
});
afterAll(async () => {
  await t?.finishInProgressScheduledFunctions();
  await cloud?.stop();
});

// A row may change memberships (leave, remove): every caller has their role again before the next one.
afterEach(async () => {
  await t.run(async (ctx) => {
    for (const who of ["member", "admin", "owner"] as const) {
      const userId = users[who];
      const membership = await ctx.db
        .query("memberships")
        .withIndex("by_organizationId_and_userId", (q) =>
          q.eq("organizationId", organizationId).eq("userId", userId),
        )
        .unique();
      if (membership === null) await ctx.db.insert("memberships", { organizationId, userId, role: who });
      else if (membership.role !== who) await ctx.db.patch(membership._id, { role: who });
    }
  });
});

/* What some rows act on, made fresh for each call so one caller's success does not decide the next's. */

async function namedLookup(name: string) {
  return await t.run(async (ctx) =>
    ctx.db.insert("namedLookups", {
      organizationId,
      dataSourceId: (await ctx.db.query("dataSources").first())!._id,
      name,
      description: "Status of an order by its number.",
      sql: "SELECT status FROM orders WHERE order_number = $1",
      parameters: [{ name: "order_number", type: "text", description: "The order number" }],
      updatedAt: Date.now(),
      updatedBy: users.owner,
    }),
  );
}

let serial = 0;
const fresh = () => `${++serial}`;

async function newMember() {
  const { userId } = await createUser(t, `staff-${fresh()}@acme.test`);
  await t.run((ctx) => ctx.db.insert("memberships", { organizationId, userId, role: "member" }));
  return userId;
}

async function newDocument() {
  const storageId = await t.run((ctx) => ctx.storage.store(new Blob(["# Returns\n\nWithin 30 days."])));
  return await holders.owner.as.mutation(api.private.documents.addUploaded, {
    organizationId,
    storageId,
    fileName: `returns-${fresh()}.md`,
  });
}

const newInvitation = (at: Id<"organizations">, by: Caller) =>
  by.mutation(api.private.invitations.create, { organizationId: at, role: "member" });

const newWebhookEndpoint = async () =>
  await holders.owner.as.mutation(api.private.webhooks.create, {
    organizationId,
    url: `https://receiver-${fresh()}.invalid/answerbase`,
    description: "",
    eventTypes: ["conversation.created"],
  });

/** An endpoint with one delivery, disabled so no attempt keeps running: send and replay answer invalid_input. */
let webhookFixture: Promise<{
  endpointId: Id<"webhookEndpoints">;
  deliveryId: Id<"webhookDeliveries">;
}> | null = null;
const webhook = () =>
  (webhookFixture ??= (async () => {
    const { endpointId } = await newWebhookEndpoint();
    const { deliveryId } = await holders.owner.as.mutation(api.private.webhooks.sendTest, {
      organizationId,
      endpointId,
    });
    await holders.owner.as.mutation(api.private.webhooks.setEnabled, {
      organizationId,
      endpointId,
      enabled: false,
    });
    return { endpointId, deliveryId };
  })());

/** An action whose target refuses connections at once (port 9 on loopback; the organization has the grant). */
const newAgentAction = async (gate: "operator" | "customer" = "operator") =>
  await holders.owner.as.mutation(api.private.agentActions.create, {
    organizationId,
    name: `matrix_action_${fresh()}`,
    description: "An action for the role matrix.",
    kind: "write",
    method: "POST",
    urlTemplate: "http://127.0.0.1:9/tasks",
    bodyTemplate: '{"title": {{title}}}',
    headers: [{ name: "Authorization", secret: true, value: "Bearer matrix" }],
    modelInputSchema: JSON.stringify({ type: "object", properties: { title: { type: "string" } } }),
    contextInputs: [],
    redactedInputs: [],
    responseFields: [],
    gate: { kind: gate },
    priority: "normal",
    expiresAfterMinutes: 60,
    timeoutMs: 1_000,
    enabled: true,
  });

/** A database insert action into the demo's customers table, its write credential refusing at once (port 9). */
const insertDefinition = () => ({
  organizationId,
  name: `matrix_insert_${fresh()}`,
  description: "A database insert action for the role matrix.",
  kind: "db_insert" as const,
  method: "POST" as const,
  urlTemplate: "",
  headers: [],
  modelInputSchema: JSON.stringify({ type: "object", properties: { title: { type: "string" } } }),
  contextInputs: [],
  redactedInputs: [],
  responseFields: [],
  gate: { kind: "none" as const },
  priority: "normal" as const,
  expiresAfterMinutes: 60,
  timeoutMs: 1_000,
  enabled: false,
  insert: {
    schema: "public",
    table: "customers",
    columns: [{ column: "full_name", input: "title" }],
    returning: [],
  },
  writeConnectionString: "postgres://matrix:matrix@127.0.0.1:9/shop",
});
const newInsertAction = async () =>
  await holders.owner.as.action(api.private.agentActionInserts.save, insertDefinition());

/** A run of the contact's conversation waiting for an operator (or, `customer`, for the contact). */
const newRun = async (gate: "operator" | "customer" = "operator") => {
  const requested = await t.mutation(internal.system.actionRuns.request, {
    actionId: await newAgentAction(gate),
    conversationId,
    modelInput: { title: "call back" },
  });
  if (!requested.ok) throw new Error(requested.refusal);
  return requested.runId;
};
let runFixture: ReturnType<typeof newRun> | null = null;
let confirmationFixture: ReturnType<typeof newRun> | null = null;
const waitingRun = () => (runFixture ??= newRun("operator"));
const confirmationRun = () => (confirmationFixture ??= newRun("customer"));

/* The matrix. Rows run in order; `disconnect` is last because it removes what the others use. */

type AnyFunction = FunctionReference<"query" | "mutation" | "action", "public">;
interface Row {
  fn: AnyFunction;
  /** The function's path, and what the row asks of it when one function has several rows. */
  name: string;
  expected: Expected;
  args: (caller: Holder) => Promise<unknown>;
}

/** `row(fn)(expected, args)`: two calls, so the arguments are typed by the function itself (literal
 * unions included), not widened while `fn`'s type is still being inferred. */
function row<F extends AnyFunction>(fn: F) {
  return (
    expected: Expected,
    args: (caller: Holder) => FunctionArgs<F> | Promise<FunctionArgs<F>>,
    variant?: string,
  ): Row => ({
    name: getFunctionName(fn) + (variant ? ` (${variant})` : ""),
    fn,
    expected,
    args: async (caller) => await args(caller),
  });
}

const org = () => ({ organizationId });
const conversation = () => ({ organizationId, conversationId });
const table = () => ({ organizationId, schema: "public", table: "orders" });

const MATRIX: Row[] = [
  // The widget: settings and session start need nothing; chat functions take the session token.
  row(api.public.widget.settings)(anyone, () => ({ organizationId })),
  row(api.public.contactSessions.start)(anyone, () => ({
    organizationId,
    name: "Visitor",
    email: "v@example.com",
  })),
  row(api.public.contactSessions.validate)(anyone, (c) => ({ sessionToken: c.sessionToken })),
  row(api.public.conversations.start)(anySession, (c) => ({ sessionToken: c.sessionToken })),
  row(api.public.conversations.list)(anySession, (c) => ({
    sessionToken: c.sessionToken,
    paginationOpts: page,
  })),
  row(api.public.conversations.get)(ownConversation, (c) => ({
    sessionToken: c.sessionToken,
    conversationId,
  })),
  row(api.public.messages.list)(ownConversation, (c) => ({
    sessionToken: c.sessionToken,
    conversationId,
    paginationOpts: page,
  })),
  row(api.public.messages.sources)(ownConversation, (c) => ({
    sessionToken: c.sessionToken,
    conversationId,
  })),
  row(api.public.messages.send)(ownConversation, (c) => ({
    sessionToken: c.sessionToken,
    conversationId,
    text: "What is your return policy?",
  })),
  row(api.public.conversations.escalate)(ownConversation, (c) => ({
    sessionToken: c.sessionToken,
    conversationId,
  })),
  row(api.public.satisfaction.get)(ownConversation, (c) => ({
    sessionToken: c.sessionToken,
    conversationId,
  })),
  row(api.public.satisfaction.rate)(ownConversation, (c) => ({
    sessionToken: c.sessionToken,
    conversationId,
    score: 5,
  })),
  row(api.public.conversations.people)(ownConversation, (c) => ({
    sessionToken: c.sessionToken,
    conversationId,
  })),

  // Signed-in users, whatever their organizations.
  row(api.private.organizations.viewer)(anyone, () => ({})),
  row(api.private.organizations.listMine)(signedIn, () => ({})),
  row(api.private.organizations.create)(signedIn, () => ({ name: `Side project ${fresh()}` })),
  row(api.private.invitations.preview)(signedIn, async () => ({
    token: (await newInvitation(elsewhere.organizationId, elsewhere.owner)).token,
  })),
  row(api.private.invitations.accept)(signedIn, async () => ({
    token: (await newInvitation(elsewhere.organizationId, elsewhere.owner)).token,
  })),

  // Members of the organization.
  row(api.private.organizations.switchTo)(members, org),
  row(api.private.members.list)(members, org),
  row(api.private.members.leave)(members, org),
  row(api.private.dataSources.get)(members, org),
  row(api.private.dataSources.listPolicies)(members, org),
  row(api.private.dataSourceActions.checkHealth)(members, org),
  row(api.private.dataSourceActions.listTables)(members, org),
  row(api.private.ingestion.list)(members, () => ({ organizationId, paginationOpts: page })),
  row(api.private.ingestion.get)(members, () => ({ organizationId, jobId })),
  row(api.private.documents.list)(members, () => ({ organizationId, paginationOpts: page })),
  row(api.private.namedLookups.list)(members, org),
  row(api.private.overview.stats)(members, () => ({ organizationId, days: 7 })),
  row(api.private.satisfaction.stats)(members, () => ({ organizationId, days: 7 })),
  row(api.private.contentGaps.list)(members, org),
  row(api.private.notifications.unread)(members, org),
  row(api.private.notifications.markOpened)(members, conversation),
  row(api.private.conversations.list)(members, () => ({ organizationId, paginationOpts: page })),
  row(api.private.conversations.get)(members, conversation),
  row(api.private.conversations.find)(members, conversation),
  row(api.private.conversations.messages)(members, () => ({ ...conversation(), paginationOpts: page })),
  row(api.private.conversations.markRead)(members, conversation),
  row(api.private.conversations.reply)(members, () => ({ ...conversation(), text: "A person here." })),
  row(api.private.conversations.setStatus)(members, () => ({ ...conversation(), status: "resolved" })),
  row(api.private.conversationTeam.assign)(members, () => ({ ...conversation(), userId: users.member })),
  row(api.private.conversationTeam.addNoteTo)(members, () => ({ ...conversation(), text: "Team only." })),
  row(api.private.conversationTeam.timeline)(members, conversation),
  row(api.private.customerContext.get)(members, conversation),
  row(api.private.customerContextActions.rows)(members, conversation),
  row(api.private.conversations.search)(members, () => ({ organizationId, query: "order" })),
  row(api.private.savedReplies.list)(members, () => ({ organizationId })),
  row(api.private.savedReplies.save)(admins, () => ({ organizationId, title: "Hello", text: "Hi there." })),
  row(api.private.savedReplies.remove)(admins, async () => ({
    organizationId,
    savedReplyId: await t.run((ctx) =>
      ctx.db.insert("savedReplies", {
        organizationId,
        title: `Gone ${fresh()}`,
        text: "x",
        updatedBy: users.owner,
      }),
    ),
  })),
  row(api.private.playground.ask)(
    members,
    () => ({ organizationId, question: "What is your return policy?", asVisitor: true }),
    "as an anonymous visitor",
  ),

  // Admins and owners: customers' data, the data source, knowledge, members, widget.
  row(api.private.playground.ask)(
    admins,
    () => ({ organizationId, question: "How many customers do you have?" }),
    "as an admin",
  ),
  row(api.private.playground.ask)(
    admins,
    () => ({ organizationId, question: "where is my order #1001?", asContactEmail: "alice@example.com" }),
    "as a customer",
  ),
  row(api.private.organizations.rename)(admins, () => ({ organizationId, name: "Acme" })),
  row(api.private.contentGaps.linkArticle)(admins, async () => ({
    organizationId,
    gapId: await t.run((ctx) =>
      ctx.db.insert("contentGaps", {
        organizationId,
        question: "Do you ship to Canada?",
        examples: ["Do you ship to Canada?"],
        count: 1,
        escalated: 0,
        centroid: [1, 0],
        modelId: "test",
        lastAskedAt: Date.now(),
        status: { kind: "open" },
      }),
    ),
    documentId: await newDocument(),
  })),
  row(api.private.members.changeRole)(admins, () => ({
    organizationId,
    userId: users.bystander,
    role: "member",
  })),
  row(api.private.members.remove)(admins, async () => ({ organizationId, userId: await newMember() })),
  row(api.private.invitations.create)(admins, () => ({ organizationId, role: "member" })),
  row(api.private.invitations.listPending)(admins, org),
  row(api.private.invitations.revoke)(admins, async () => ({
    organizationId,
    invitationId: (await newInvitation(organizationId, holders.owner.as)).invitationId,
  })),
  row(api.private.auditLog.list)(admins, () => ({ organizationId, paginationOpts: page })),
  row(api.private.dataSources.setPolicy)(admins, () => ({ ...table(), policy: { kind: "private" } })),
  row(api.private.dataSources.applyPolicies)(admins, () => ({
    organizationId,
    policies: [{ schema: "public", table: "orders", policy: { kind: "private" } }],
  })),
  row(api.private.dataSourceActions.save)(admins, () => ({
    organizationId,
    config: demoConfigs(cloud).neon!,
  })),
  row(api.private.dataSourceActions.testConnection)(admins, org),
  row(api.private.dataSourceActions.testConfig)(admins, () => ({
    organizationId,
    config: demoConfigs(cloud).neon!,
  })),
  row(api.private.dataSourceActions.previewRows)(admins, () => ({ ...table(), limit: 1 })),
  row(api.private.dataSourceActions.previewAsCustomer)(admins, () => ({
    ...table(),
    policy: { kind: "public" },
    email: "alice@example.com",
  })),
  row(api.private.ingestion.start)(admins, org),
  row(api.private.ingestion.pause)(admins, () => ({ organizationId, jobId })),
  row(api.private.ingestion.resume)(admins, () => ({ organizationId, jobId })),
  row(api.private.ingestion.cancel)(admins, () => ({ organizationId, jobId })),
  row(api.private.documents.generateUploadUrl)(admins, org),
  row(api.private.documents.addUploaded)(admins, async () => ({
    organizationId,
    storageId: await t.run((ctx) => ctx.storage.store(new Blob(["Shipping takes 3 days."]))),
    fileName: `shipping-${fresh()}.md`,
  })),
  row(api.private.documents.remove)(admins, async () => ({
    organizationId,
    documentId: await newDocument(),
  })),
  row(api.private.knowledgeSearch.search)(admins, () => ({ organizationId, query: "returns" })),
  row(api.private.namedLookups.remove)(admins, async () => ({
    organizationId,
    lookupId: await namedLookup(`scratch_${fresh()}`),
  })),
  row(api.private.namedLookupActions.tryIt)(admins, () => ({
    organizationId,
    name: "order_status",
    args: { order_number: "1001" },
  })),
  row(api.private.namedLookupActions.save)(admins, () => ({
    organizationId,
    definition: {
      name: `order_total_${fresh()}`,
      description: "The total of an order by its number.",
      sql: "SELECT order_number, status FROM orders WHERE order_number = $1",
      parameters: [{ name: "order_number", type: "text", description: "The order number" }],
    },
  })),
  row(api.private.sqlConsole.history)(admins, org),
  row(api.private.sqlConsoleActions.run)(admins, () => ({
    organizationId,
    sql: "SELECT 1 AS one",
    pageSize: 50,
    page: 0,
    runId: fresh().toLowerCase(),
  })),
  row(api.private.sqlConsoleActions.cancel)(admins, () => ({ organizationId, runId: "no-such-run" })),
  row(api.private.sqlConsole.askModel)(admins, org),
  // With the offline model both answer provider_model_required: a refusal of the request, not the caller.
  row(api.private.sqlConsoleActions.draftFromQuestion)(admins, () => ({
    organizationId,
    question: "How many orders are there?",
  })),
  row(api.private.sqlConsoleActions.runAndAnswerQuestion)(admins, () => ({
    organizationId,
    question: "How many orders are there?",
    sql: "SELECT count(*) FROM orders",
    pageSize: 50,
    runId: fresh().toLowerCase(),
  })),
  row(api.private.sqlConsole.prepareExport)(admins, () => ({
    organizationId,
    sql: "SELECT 1 AS one",
    params: [],
  })),
  row(api.private.sqlConsole.exportStatus)(admins, async () => ({
    organizationId,
    exportId: await t.run((ctx) =>
      ctx.db.insert("sqlConsoleExports", {
        organizationId,
        userId: users.owner,
        sql: "SELECT 1 AS one",
        params: [],
        ticket: `ticket-${fresh()}`,
        runId: "role-matrix",
        filename: "answerbase-sql.csv",
        status: { kind: "done", rowCount: 1, durationMs: 1 },
      }),
    ),
  })),
  row(api.private.widgetIdentity.status)(admins, org),
  row(api.private.widgetIdentity.rotateSecret)(admins, org),
  row(api.private.widgetSettings.get)(admins, org),
  row(api.private.widgetSettings.save)(admins, () => ({
    organizationId,
    greeting: "Hello!",
    suggestions: [],
    primaryColor: "#2563eb",
    position: "bottom-right",
  })),
  row(api.private.apiKeys.create)(admins, () => ({ organizationId, name: "n8n", scopes: ["lookups"] })),
  row(api.private.apiKeys.create)(
    admins,
    () => ({ organizationId, name: "analyst", scopes: ["sql"] }),
    "the admin scope sql",
  ),
  row(api.private.apiKeys.list)(admins, org),
  row(api.private.apiKeys.recentCalls)(admins, org),
  row(api.private.apiKeys.revoke)(admins, async () => ({
    organizationId,
    apiKeyId: (
      await holders.owner.as.mutation(api.private.apiKeys.create, {
        organizationId,
        name: `scratch ${fresh()}`,
        scopes: ["lookups"],
      })
    ).apiKeyId,
  })),
  row(api.private.webhooks.list)(admins, org),
  row(api.private.webhooks.create)(admins, () => ({
    organizationId,
    url: "https://hooks.example.invalid/answerbase",
    description: "CRM",
    eventTypes: ["conversation.escalated"],
  })),
  row(api.private.webhooks.update)(admins, async () => ({
    organizationId,
    endpointId: (await webhook()).endpointId,
    url: "https://hooks.example.invalid/renamed",
    description: "CRM",
    eventTypes: ["conversation.created"],
  })),
  row(api.private.webhooks.setEnabled)(admins, async () => ({
    organizationId,
    endpointId: (await webhook()).endpointId,
    enabled: false,
  })),
  row(api.private.webhooks.rotateSecret)(admins, async () => ({
    organizationId,
    endpointId: (await webhook()).endpointId,
  })),
  row(api.private.webhooks.deliveries)(admins, async () => ({
    organizationId,
    endpointId: (await webhook()).endpointId,
    paginationOpts: page,
  })),
  row(api.private.webhooks.replay)(admins, async () => ({
    organizationId,
    deliveryId: (await webhook()).deliveryId,
  })),
  row(api.private.webhooks.sendTest)(admins, async () => ({
    organizationId,
    endpointId: (await webhook()).endpointId,
  })),
  row(api.private.webhooks.remove)(admins, async () => ({
    organizationId,
    endpointId: (await newWebhookEndpoint()).endpointId,
  })),
  row(api.private.agentActions.list)(admins, org),
  row(api.private.agentActions.get)(admins, async () => ({
    organizationId,
    actionId: await newAgentAction(),
  })),
  row(api.private.agentActions.create)(admins, () => ({
    organizationId,
    name: `matrix_create_${fresh()}`,
    description: "An action for the role matrix.",
    kind: "read",
    method: "GET",
    urlTemplate: "http://127.0.0.1:9/customers",
    headers: [],
    modelInputSchema: '{"type": "object", "properties": {}}',
    contextInputs: [],
    redactedInputs: [],
    responseFields: [],
    gate: { kind: "none" },
    priority: "normal",
    expiresAfterMinutes: 5,
    timeoutMs: 1_000,
    enabled: false,
  })),
  row(api.private.agentActions.update)(admins, async () => {
    const actionId = await newAgentAction();
    const { _id, updatedAt, writeCredentialSet, ...definition } = await holders.owner.as.query(
      api.private.agentActions.get,
      { organizationId, actionId },
    );
    void updatedAt;
    void writeCredentialSet;
    return {
      organizationId,
      actionId: _id,
      ...definition,
      headers: [{ name: "Authorization", secret: true }],
    };
  }),
  row(api.private.agentActions.remove)(admins, async () => ({
    organizationId,
    actionId: await newAgentAction(),
  })),
  row(api.private.agentActionTests.testAction)(admins, async () => ({
    organizationId,
    actionId: await newAgentAction(),
    sampleInputs: { title: "test" },
  })),
  row(api.private.agentActionInserts.save)(admins, insertDefinition),
  row(api.private.agentActionInserts.test)(admins, async () => ({
    organizationId,
    actionId: await newInsertAction(),
    sampleInputs: { title: "test" },
  })),
  row(api.private.approvals.listPending)(members, org),
  row(api.private.approvals.listByStatus)(members, () => ({ organizationId, status: "rejected" })),
  row(api.private.approvals.listForConversation)(members, () => ({ organizationId, conversationId })),
  row(api.private.approvals.decide)(members, async () => ({
    organizationId,
    runId: await waitingRun(),
    decision: "reject",
    reason: "role matrix",
  })),
  row(api.private.approvals.decideMany)(members, async () => ({
    organizationId,
    runIds: [await newRun()],
    decision: "reject",
  })),
  row(api.public.actionRuns.listForConversation)(ownConversation, (c) => ({
    sessionToken: c.sessionToken,
    conversationId,
  })),
  row(api.public.actionRuns.confirm)(ownConversation, async (c) => ({
    sessionToken: c.sessionToken,
    runId: await confirmationRun(),
  })),
  row(api.public.actionRuns.cancel)(ownConversation, async (c) => ({
    sessionToken: c.sessionToken,
    runId: await confirmationRun(),
  })),
  row(api.private.dataSourceActions.disconnect)(admins, org),
];

/** Every public and private function the modules export, as `folder/module:name`, with its kind. */
async function exportedFunctions(): Promise<Map<string, "query" | "mutation" | "action">> {
  const found = new Map<string, "query" | "mutation" | "action">();
  for (const folder of ["public", "private"]) {
    const files = (await readdir(path.join(CONVEX_DIR, folder))).filter((file) => file.endsWith(".ts"));
    for (const file of files) {
      const exports = (await import(path.join(CONVEX_DIR, folder, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        const flags = value as {
          isPublic?: boolean;
          isQuery?: boolean;
          isMutation?: boolean;
          isAction?: boolean;
        };
        if (typeof value !== "function" || flags.isPublic !== true) continue;
        const kind = flags.isQuery
          ? "query"
          : flags.isMutation
            ? "mutation"
            : flags.isAction
              ? "action"
              : null;
        if (kind !== null) found.set(`${folder}/${file.replace(/\.ts$/, "")}:${name}`, kind);
      }
    }
  }
  return found;
}

/** Runs one call and names its answer: "allow", the refusal code, or the unexpected error itself. */
async function outcome(kind: "query" | "mutation" | "action", fn: AnyFunction, args: unknown, as: Caller) {
  const invoke = as[kind] as (fn: AnyFunction, args: unknown) => Promise<unknown>;
  try {
    await invoke(fn, args);
    return "allow";
  } catch (error) {
    const code = (error as { data?: { code?: unknown } }).data?.code;
    if (typeof code !== "string") return `unexpected error: ${String(error)}`;
    return (REFUSALS as readonly string[]).includes(code) ? code : "allow";
  }
}

const functions = await exportedFunctions();

describe("the role matrix", () => {
  it("has a row for every public and private function, and none for a function that is gone", () => {
    const covered = new Set(MATRIX.map((r) => getFunctionName(r.fn)));
    expect(
      [...functions.keys()].filter((name) => !covered.has(name)),
      "functions without a row",
    ).toEqual([]);
    expect(
      [...covered].filter((name) => !functions.has(name)),
      "rows without a function",
    ).toEqual([]);
  });

  it.each(MATRIX.map((r) => [r.name, r] as const))("%s", async (_name, r) => {
    const kind = functions.get(getFunctionName(r.fn));
    if (kind === undefined) throw new Error(`${r.name} is not exported`);
    const actual = {} as Record<Who, string>;
    for (const who of CALLERS) {
      actual[who] = await outcome(kind, r.fn, await r.args(holders[who]), holders[who].as);
    }
    expect(actual).toEqual(r.expected);
  });

  it("tells a member why the playground refuses the admin view, and what they may do instead", async () => {
    await expect(
      holders.member.as.action(api.private.playground.ask, {
        organizationId,
        question: "Who are my customers?",
      }),
    ).rejects.toMatchObject({
      data: { code: "forbidden", message: expect.stringMatching(/admin role.*anonymous visitor/s) },
    });
  });
});
