// An organization never reaches another's config, secret, tables or audit entries, and a member
// without the admin role cannot change what admins own. Every private function is tried.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import {
  startBackend,
  createUser,
  deploymentEnv,
  demoConfigs,
  type Backend,
  type Caller,
  grantPrivateNetworks,
} from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let victim: Awaited<ReturnType<typeof createUser>>;
let victimOrganization: Awaited<ReturnType<Backend["mutation"]>>;
let victimConversation: Id<"conversations">;
let victimLookup: Id<"namedLookups">;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "secrets_manager"));
  t = await startBackend();
  victim = await createUser(t, "owner@victim.test");
  victimOrganization = await victim.as.mutation(api.private.organizations.create, { name: "Victim" });
  await grantPrivateNetworks(t, victimOrganization as Id<"organizations">);
  await victim.as.action(api.private.dataSourceActions.save, {
    organizationId: victimOrganization,
    config: demoConfigs(cloud).neon!,
  });
  const { sessionToken } = await t.mutation(api.public.contactSessions.start, {
    organizationId: victimOrganization,
    name: "Alice",
    email: "alice@example.com",
  });
  victimConversation = (await t.mutation(api.public.conversations.start, { sessionToken })).conversationId;
  victimLookup = await t.run(async (ctx) => {
    const dataSource = await ctx.db.query("dataSources").first();
    return await ctx.db.insert("namedLookups", {
      organizationId: victimOrganization,
      dataSourceId: dataSource!._id,
      name: "order_status",
      description: "Status of an order by its number.",
      sql: "SELECT status FROM orders WHERE order_number = $1",
      parameters: [{ name: "order_number", type: "text", description: "The order number" }],
      updatedAt: Date.now(),
      updatedBy: victim.userId,
    });
  });
});
afterAll(() => cloud?.stop());

/** Every private function with valid-looking arguments for `organizationId`. */
function privateCalls(organizationId: typeof victimOrganization) {
  const table = { organizationId, schema: "public", table: "orders" };
  const conversation = { conversationId: victimConversation };
  return {
    "dataSources.get": (as: Caller) => as.query(api.private.dataSources.get, { organizationId }),
    "dataSources.listPolicies": (as: Caller) =>
      as.query(api.private.dataSources.listPolicies, { organizationId }),
    "dataSources.setPolicy": (as: Caller) =>
      as.mutation(api.private.dataSources.setPolicy, { ...table, policy: { kind: "public" } }),
    "dataSourceActions.save": (as: Caller) =>
      as.action(api.private.dataSourceActions.save, { organizationId, config: demoConfigs(cloud).postgres! }),
    "dataSourceActions.testConnection": (as: Caller) =>
      as.action(api.private.dataSourceActions.testConnection, { organizationId }),
    "dataSourceActions.checkHealth": (as: Caller) =>
      as.action(api.private.dataSourceActions.checkHealth, { organizationId }),
    "dataSourceActions.listTables": (as: Caller) =>
      as.action(api.private.dataSourceActions.listTables, { organizationId }),
    "dataSourceActions.previewRows": (as: Caller) =>
      as.action(api.private.dataSourceActions.previewRows, table),
    "dataSourceActions.disconnect": (as: Caller) =>
      as.action(api.private.dataSourceActions.disconnect, { organizationId }),
    "auditLog.list": (as: Caller) =>
      as.query(api.private.auditLog.list, { organizationId, paginationOpts: { numItems: 10, cursor: null } }),
    "organizations.switchTo": (as: Caller) =>
      as.mutation(api.private.organizations.switchTo, { organizationId }),
    "organizations.rename": (as: Caller) =>
      as.mutation(api.private.organizations.rename, { organizationId, name: "Taken over" }),
    "members.list": (as: Caller) => as.query(api.private.members.list, { organizationId }),
    "members.changeRole": (as: Caller) =>
      as.mutation(api.private.members.changeRole, { organizationId, userId: victim.userId, role: "member" }),
    "members.remove": (as: Caller) =>
      as.mutation(api.private.members.remove, { organizationId, userId: victim.userId }),
    "members.leave": (as: Caller) => as.mutation(api.private.members.leave, { organizationId }),
    "invitations.create": (as: Caller) =>
      as.mutation(api.private.invitations.create, { organizationId, role: "admin" }),
    "invitations.listPending": (as: Caller) =>
      as.query(api.private.invitations.listPending, { organizationId }),
    "widgetIdentity.status": (as: Caller) => as.query(api.private.widgetIdentity.status, { organizationId }),
    "widgetIdentity.rotateSecret": (as: Caller) =>
      as.mutation(api.private.widgetIdentity.rotateSecret, { organizationId }),
    "ingestion.start": (as: Caller) => as.mutation(api.private.ingestion.start, { organizationId }),
    "ingestion.list": (as: Caller) =>
      as.query(api.private.ingestion.list, { organizationId, paginationOpts: { numItems: 5, cursor: null } }),
    "documents.generateUploadUrl": (as: Caller) =>
      as.mutation(api.private.documents.generateUploadUrl, { organizationId }),
    "documents.list": (as: Caller) =>
      as.query(api.private.documents.list, { organizationId, paginationOpts: { numItems: 5, cursor: null } }),
    "knowledgeSearch.search": (as: Caller) =>
      as.action(api.private.knowledgeSearch.search, { organizationId, query: "orders" }),
    "conversations.list": (as: Caller) =>
      as.query(api.private.conversations.list, {
        organizationId,
        paginationOpts: { numItems: 5, cursor: null },
      }),
    "conversations.get": (as: Caller) =>
      as.query(api.private.conversations.get, { organizationId, ...conversation }),
    "conversations.find": (as: Caller) =>
      as.query(api.private.conversations.find, { organizationId, ...conversation }),
    "conversations.messages": (as: Caller) =>
      as.query(api.private.conversations.messages, {
        organizationId,
        ...conversation,
        paginationOpts: { numItems: 5, cursor: null },
      }),
    "conversations.markRead": (as: Caller) =>
      as.mutation(api.private.conversations.markRead, { organizationId, ...conversation }),
    "conversations.reply": (as: Caller) =>
      as.mutation(api.private.conversations.reply, { organizationId, ...conversation, text: "hi" }),
    "conversations.setStatus": (as: Caller) =>
      as.mutation(api.private.conversations.setStatus, {
        organizationId,
        ...conversation,
        status: "resolved",
      }),
    "playground.ask": (as: Caller) =>
      as.action(api.private.playground.ask, {
        organizationId,
        question: "where is order 1001",
        asContactEmail: "alice@example.com",
      }),
    "namedLookups.list": (as: Caller) => as.query(api.private.namedLookups.list, { organizationId }),
    "namedLookups.remove": (as: Caller) =>
      as.mutation(api.private.namedLookups.remove, { organizationId, lookupId: victimLookup }),
    "namedLookupActions.tryIt": (as: Caller) =>
      as.action(api.private.namedLookupActions.tryIt, {
        organizationId,
        name: "order_status",
        args: { order_number: "1001" },
      }),
    "namedLookupActions.save": (as: Caller) =>
      as.action(api.private.namedLookupActions.save, {
        organizationId,
        definition: {
          name: "all_orders",
          description: "Every order in the database.",
          sql: "SELECT * FROM orders",
          parameters: [],
        },
      }),
    "overview.stats": (as: Caller) => as.query(api.private.overview.stats, { organizationId, days: 7 }),
    "widgetSettings.get": (as: Caller) => as.query(api.private.widgetSettings.get, { organizationId }),
    "widgetSettings.save": (as: Caller) =>
      as.mutation(api.private.widgetSettings.save, {
        organizationId,
        greeting: "Hacked",
        suggestions: [],
        primaryColor: "#000000",
        position: "bottom-left",
      }),
  };
}

const ADMIN_ONLY = new Set([
  "dataSources.setPolicy",
  "dataSourceActions.save",
  "dataSourceActions.testConnection",
  "dataSourceActions.previewRows",
  "dataSourceActions.disconnect",
  "auditLog.list",
  "organizations.rename",
  "members.changeRole",
  "members.remove",
  "invitations.create",
  "invitations.listPending",
  "widgetIdentity.status",
  "widgetIdentity.rotateSecret",
  "ingestion.start",
  "documents.generateUploadUrl",
  "knowledgeSearch.search",
  "namedLookups.remove",
  "namedLookupActions.tryIt",
  "namedLookupActions.save",
  "widgetSettings.get",
  "widgetSettings.save",
]);

describe("another organization's member", () => {
  it.each(Object.keys(privateCalls("")))("%s is refused", async (name) => {
    const intruder = await createUser(t, `intruder-${name}@other.test`);
    await intruder.as.mutation(api.private.organizations.create, { name: "Intruder Inc" });
    const call = privateCalls(victimOrganization)[name as keyof ReturnType<typeof privateCalls>];
    await expect(call(intruder.as)).rejects.toMatchObject({ data: { code: "forbidden" } });
  });

  it("cannot reach another organization's conversation through its own organization", async () => {
    const intruder = await createUser(t, "intruder-by-id@other.test");
    const own = await intruder.as.mutation(api.private.organizations.create, { name: "Intruder Two" });
    const calls = privateCalls(own);
    for (const name of ["conversations.get", "conversations.reply", "conversations.setStatus"] as const) {
      await expect(calls[name](intruder.as)).rejects.toMatchObject({ data: { code: "not_found" } });
    }
    // A link to it opened in their own organization finds nothing.
    expect(await calls["conversations.find"](intruder.as)).toBeNull();
  });

  it("a signed-out caller is asked to sign in", async () => {
    await expect(
      t.query(api.private.dataSources.get, { organizationId: victimOrganization }),
    ).rejects.toMatchObject({
      data: { code: "unauthenticated" },
    });
  });
});

describe("a member without the admin role", () => {
  it.each([...ADMIN_ONLY])("%s is refused", async (name) => {
    const member = await createUser(t, `member-${name}@victim.test`);
    await t.run((ctx) =>
      ctx.db.insert("memberships", {
        organizationId: victimOrganization,
        userId: member.userId,
        role: "member",
      }),
    );
    const call = privateCalls(victimOrganization)[name as keyof ReturnType<typeof privateCalls>];
    await expect(call(member.as)).rejects.toMatchObject({ data: { code: "forbidden" } });
    // Nothing changed: the data source is still there, still connected to the same place.
    expect(
      await victim.as.query(api.private.dataSources.get, { organizationId: victimOrganization }),
    ).toMatchObject({
      provider: "neon",
    });
  });
});
