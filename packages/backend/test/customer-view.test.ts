// "What this customer would see": the policy editor's preview reads a table exactly as the widget's
// lookups would for a given e-mail (or a visitor), under the draft policy, hidden columns left out.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { deploymentEnv, ingestionSettled, seedDemo, startBackend, type Backend } from "./support/backend.ts";

let cloud: TestCloud;
let owner: ReturnType<Backend["withIdentity"]>;
let organizationId: Id<"organizations">;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  const t = await startBackend();
  ({ organizationId, owner } = await seedDemo(t, cloud));
  await ingestionSettled(owner, organizationId);
});
afterAll(() => cloud?.stop());

const ordersPolicy = {
  kind: "customer" as const,
  ownerPath: [{ column: "customer_id", references: { schema: "public", table: "customers", column: "id" } }],
  ownerColumn: "email",
};

const view = (table: string, policy: unknown, email: string | null, schema = "public") =>
  owner.action(api.private.dataSourceActions.previewAsCustomer, {
    organizationId,
    schema,
    table,
    policy: policy as never,
    email,
  });

it("shows a customer only their own rows, without the draft's hidden columns", async () => {
  const alice = await view(
    "orders",
    { ...ordersPolicy, hiddenColumns: ["shipping_address"] },
    "Alice@Example.com",
  );
  expect(alice.kind).toBe("rows");
  if (alice.kind !== "rows") return;
  expect(alice.columns).not.toContain("shipping_address");
  const numbers = alice.rows.map((row): unknown => row[alice.columns.indexOf("order_number")]);
  expect(numbers).toEqual(["1001", "1007", "1012"]);
  expect(JSON.stringify(alice.rows)).not.toContain("Pine St");
  const bob = await view("orders", ordersPolicy, "bob@example.com");
  expect(
    bob.kind === "rows" && bob.rows.map((row): unknown => row[bob.columns.indexOf("order_number")]),
  ).toEqual(["1002", "1009", "1016"]);
});

it("says what a visitor gets from a customer or private table, and shows public rows", async () => {
  expect(await view("orders", ordersPolicy, null)).toMatchObject({
    kind: "refused",
    message: expect.stringMatching(/verified contact/),
  });
  expect(await view("tickets", { kind: "private" }, "alice@example.com", "support")).toMatchObject({
    kind: "refused",
    message: expect.stringMatching(/private/),
  });
  const products = await view("products", { kind: "public" }, null);
  expect(products.kind === "rows" && products.rows.length).toBeGreaterThan(0);
});

it("refuses a malformed e-mail and a policy that hides its owner column", async () => {
  await expect(view("orders", ordersPolicy, "not an email")).rejects.toMatchObject({
    data: { code: "invalid_input" },
  });
  await expect(
    view(
      "customers",
      { kind: "customer", ownerPath: [], ownerColumn: "email", hiddenColumns: ["email"] },
      "alice@example.com",
    ),
  ).rejects.toMatchObject({
    data: { code: "invalid_input" },
  });
});
