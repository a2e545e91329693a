// "Review suggestions": many tables' policies applied at once, all or none, each checked as setPolicy
// checks one.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import {
  createUser,
  deploymentEnv,
  demoConfigs,
  grantPrivateNetworks,
  startBackend,
  type Backend,
} from "./support/backend.ts";

let cloud: TestCloud;
let owner: Awaited<ReturnType<typeof createUser>>;
let organizationId: Id<"organizations">;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"));
  const t: Backend = await startBackend();
  owner = await createUser(t, "owner@shop.test");
  organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  await grantPrivateNetworks(t, organizationId);
  await owner.as.action(api.private.dataSourceActions.save, {
    organizationId,
    config: demoConfigs(cloud).postgres!,
  });
});
afterAll(() => cloud?.stop());

const apply = (policies: unknown[]) =>
  owner.as.mutation(api.private.dataSources.applyPolicies, { organizationId, policies: policies as never });
const saved = async () =>
  Object.fromEntries(
    (await owner.as.query(api.private.dataSources.listPolicies, { organizationId })).map((p) => [
      `${p.schema}.${p.table}`,
      p.policy,
    ]),
  );

it("applies the reviewed suggestions as they are listed, and counts what changed", async () => {
  const tables = await owner.as.action(api.private.dataSourceActions.listTables, { organizationId });
  const reviewed = tables
    .filter((t) => ["customers", "orders", "products", "tickets"].includes(t.name))
    .map((t) => ({ schema: t.schema, table: t.name, policy: t.suggestion.policy }));
  expect(reviewed).toHaveLength(4);
  expect(await apply(reviewed)).toEqual({ changed: 4 });
  const policies = await saved();
  expect(policies["public.customers"]).toMatchObject({ kind: "customer", hiddenColumns: ["birth_date"] });
  expect(policies["public.products"]).toEqual({ kind: "public" });
  expect(policies["support.tickets"]?.kind).toBeDefined();
  expect(await apply(reviewed)).toEqual({ changed: 0 });
});

it("writes nothing when one of them is wrong, and names the problem", async () => {
  const before = await saved();
  await expect(
    apply([
      { schema: "public", table: "appointments", policy: { kind: "public" } },
      {
        schema: "public",
        table: "customers",
        policy: { kind: "customer", ownerPath: [], ownerColumn: "email", hiddenColumns: ["email"] },
      },
    ]),
  ).rejects.toMatchObject({ data: { code: "invalid_input" } });
  expect(await saved()).toEqual(before);
});

it("refuses an empty review and a table named twice", async () => {
  await expect(apply([])).rejects.toMatchObject({ data: { code: "invalid_input" } });
  const twice = { schema: "public", table: "orders", policy: { kind: "private" } };
  await expect(apply([twice, twice])).rejects.toMatchObject({ data: { code: "invalid_input" } });
});
