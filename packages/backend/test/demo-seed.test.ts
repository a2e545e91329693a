// The embedded default's demo: a user who can sign in, the demo organization, its database labelled as
// the platform's demo database, suggested policies applied after review and a first ingestion. Idempotent.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import { reviewDemoSuggestions } from "../convex/dataSources/demoReview.ts";
import { deploymentEnv, demoConfigs, startBackend } from "./support/backend.ts";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "secrets_manager"), { EMBEDDING_MODEL: "test" });
});
afterAll(() => cloud?.stop());

it("seeds once: sign-in, organization, labelled demo database, policies, ingestion", async () => {
  const t = await startBackend();
  const args = {
    email: "Demo@Answerbase.test",
    password: "answerbase-demo",
    name: "Demo Admin",
    organizationName: "Brightside Goods (demo)",
    dataSource: demoConfigs(cloud).neon,
  };
  const first = await t.action(internal.system.demo.seed, args);
  expect(first.dataSourceSaved).toBe(true);
  const again = await t.action(internal.system.demo.seed, args);
  expect(again).toEqual({ ...first, dataSourceSaved: false });

  const signIn = await t.action(api.auth.signIn, {
    provider: "password",
    params: { email: "demo@answerbase.test", password: "answerbase-demo", flow: "signIn" },
  });
  expect((signIn as { tokens?: unknown }).tokens).toBeTruthy();

  const owner = t.withIdentity({ subject: `${first.userId}|seed-test` });
  const organizationId = first.organizationId;
  expect(await owner.query(api.private.dataSources.get, { organizationId })).toMatchObject({
    platformDefault: true,
    provider: "neon",
  });
  const policies = await owner.query(api.private.dataSources.listPolicies, { organizationId });
  expect(new Map(policies.map((p) => [p.table, p.policy.kind]))).toEqual(
    new Map([
      ["StoreLocations", "public"],
      ["appointments", "customer"],
      ["customers", "customer"],
      ["order_items", "customer"],
      ["order_summaries", "customer"],
      ["orders", "customer"],
      ["product_categories", "public"],
      ["products", "public"],
      ["ticket_messages", "customer"],
      ["tickets", "customer"],
    ]),
  );
  await expect
    .poll(
      async () =>
        (
          await owner.query(api.private.ingestion.list, {
            organizationId,
            paginationOpts: { numItems: 1, cursor: null },
          })
        ).page[0]?.status.kind,
      { timeout: 30_000 },
    )
    .toBe("done");
});

it("applies a suggestion only where the review agrees; anything else stays private", () => {
  const suggested = (schema: string, name: string, policy: { kind: "public" } | { kind: "private" }) => ({
    schema,
    name,
    suggestion: { policy, reason: "test" },
  });
  const { accepted, disagreed } = reviewDemoSuggestions([
    suggested("public", "products", { kind: "public" }),
    // Suppose the rules one day called the staff's stock movements public: the review says otherwise.
    suggested("public", "inventory_events", { kind: "public" }),
    // And a reviewed public table suggested private: private wins until someone looks.
    suggested("public", "StoreLocations", { kind: "private" }),
  ]);
  expect(accepted).toEqual([{ schema: "public", table: "products", policy: { kind: "public" } }]);
  expect(disagreed).toEqual([
    { table: "public.inventory_events", suggested: "public", reviewed: "private" },
    { table: "public.StoreLocations", suggested: "private", reviewed: "public" },
  ]);
});
