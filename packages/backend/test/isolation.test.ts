// An organization never reaches another's config, secret, tables or audit entries, and a member
// without the admin role cannot change what admins own. Every private function is tried.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { convexTestFor } from "@answerbase/local-convex/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { CONVEX_DIR, createUser, deploymentEnv, demoConfigs, type Backend } from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let victim: Awaited<ReturnType<typeof createUser>>;
let victimOrganization: Awaited<ReturnType<Backend["mutation"]>>;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "secrets_manager"));
  t = await convexTestFor(CONVEX_DIR);
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
    "dataSources.get": (as: Backend) => as.query(api.private.dataSources.get, { organizationId }),
    "dataSources.listPolicies": (as: Backend) =>
      as.query(api.private.dataSources.listPolicies, { organizationId }),
    "dataSources.setPolicy": (as: Backend) =>
      as.mutation(api.private.dataSources.setPolicy, { ...table, policy: { kind: "public" } }),
    "dataSourceActions.save": (as: Backend) =>
      as.action(api.private.dataSourceActions.save, { organizationId, config: demoConfigs(cloud).postgres! }),
    "dataSourceActions.testConnection": (as: Backend) =>
      as.action(api.private.dataSourceActions.testConnection, { organizationId }),
    "dataSourceActions.checkHealth": (as: Backend) =>
      as.action(api.private.dataSourceActions.checkHealth, { organizationId }),
    "dataSourceActions.listTables": (as: Backend) =>
      as.action(api.private.dataSourceActions.listTables, { organizationId }),
    "dataSourceActions.previewRows": (as: Backend) =>
      as.action(api.private.dataSourceActions.previewRows, table),
    "dataSourceActions.disconnect": (as: Backend) =>
      as.action(api.private.dataSourceActions.disconnect, { organizationId }),
    "auditLog.list": (as: Backend) =>
      as.query(api.private.auditLog.list, { organizationId, paginationOpts: { numItems: 10, cursor: null } }),
    "organizations.switchTo": (as: Backend) =>
      as.mutation(api.private.organizations.switchTo, { organizationId }),
    "organizations.rename": (as: Backend) =>
      as.mutation(api.private.organizations.rename, { organizationId, name: "Taken over" }),
    "members.list": (as: Backend) => as.query(api.private.members.list, { organizationId }),
    "members.changeRole": (as: Backend) =>
      as.mutation(api.private.members.changeRole, { organizationId, userId: victim.userId, role: "member" }),
    "members.remove": (as: Backend) =>
      as.mutation(api.private.members.remove, { organizationId, userId: victim.userId }),
    "members.leave": (as: Backend) => as.mutation(api.private.members.leave, { organizationId }),
    "invitations.create": (as: Backend) =>
      as.mutation(api.private.invitations.create, { organizationId, role: "admin" }),
    "invitations.listPending": (as: Backend) =>
      as.query(api.private.invitations.listPending, { organizationId }),
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
]);

describe("another organization's member", () => {
  it.each(Object.keys(privateCalls("" as never)))("%s is refused", async (name) => {
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
