// An organization never reaches another's config, secret, tables or audit entries, and a member
// without the admin role cannot change what admins own. Every private function is tried.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import {
  startBackend,
  createUser,
  deploymentEnv,
  demoConfigs,
  type Backend,
  type Caller,
} from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let victim: Awaited<ReturnType<typeof createUser>>;
let victimOrganization: Awaited<ReturnType<Backend["mutation"]>>;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "secrets_manager"));
  t = await startBackend();
  victim = await createUser(t, "owner@victim.test");
  victimOrganization = await victim.as.mutation(api.private.organizations.create, { name: "Victim" });
  await victim.as.action(api.private.dataSourceActions.save, {
    organizationId: victimOrganization,
    config: demoConfigs(cloud).neon!,
  });
});
afterAll(() => cloud?.stop());

/** Every private function with valid-looking arguments for `organizationId`. */
function privateCalls(organizationId: typeof victimOrganization) {
  const table = { organizationId, schema: "public", table: "orders" };
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
]);

describe("another organization's member", () => {
  it.each(Object.keys(privateCalls("")))("%s is refused", async (name) => {
    const intruder = await createUser(t, `intruder-${name}@other.test`);
    await intruder.as.mutation(api.private.organizations.create, { name: "Intruder Inc" });
    const call = privateCalls(victimOrganization)[name as keyof ReturnType<typeof privateCalls>];
    await expect(call(intruder.as)).rejects.toMatchObject({ data: { code: "forbidden" } });
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
