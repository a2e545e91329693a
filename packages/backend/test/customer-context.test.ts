// The inbox's customer panel: a verified customer's own rows exactly as the agent's lookups may read them
// (saved policies, owner filter, staff-only rows and hidden columns), their earlier conversations and
// how their identity was established; nothing from the database for an e-mail nobody vouched for.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { signIdentity } from "../convex/contacts/identity.ts";
import { deploymentEnv, ingestionSettled, seedDemo, startBackend, type Backend } from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let owner: ReturnType<Backend["withIdentity"]>;
let organizationId: Id<"organizations">;
let secret: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  ({ organizationId, owner } = await seedDemo(t, cloud));
  await ingestionSettled(owner, organizationId);
  ({ secret } = await owner.mutation(api.private.widgetIdentity.rotateSecret, { organizationId }));
});
afterAll(async () => {
  await t?.finishInProgressScheduledFunctions();
  await cloud?.stop();
});

async function conversationOf(email: string, verified: boolean) {
  const { sessionToken } = await t.mutation(api.public.contactSessions.start, {
    organizationId,
    name: email.split("@")[0]!,
    email,
    ...(verified && { signature: await signIdentity(secret, email) }),
  });
  const { conversationId } = await t.mutation(api.public.conversations.start, { sessionToken });
  return conversationId;
}

const rows = (
  conversationId: Id<"conversations">,
  more?: { schema: string; table: string; cursor: string },
) => owner.action(api.private.customerContextActions.rows, { organizationId, conversationId, more });
const context = (conversationId: Id<"conversations">) =>
  owner.query(api.private.customerContext.get, { organizationId, conversationId });

function tableOf(result: Awaited<ReturnType<typeof rows>>, name: string) {
  if (result.kind !== "tables") throw new Error(`expected tables, got ${result.kind}`);
  return result.tables.find((table) => table.table === name);
}
const column = (table: { columns: string[]; rows: unknown[][] }, name: string) =>
  table.rows.map((row) => row[table.columns.indexOf(name)]);

describe("a verified customer", () => {
  it("gets their own rows per customer table, never public tables, hidden columns or staff-only rows", async () => {
    const alice = await rows(await conversationOf("alice@example.com", true));
    expect(column(tableOf(alice, "orders")!, "order_number")).toEqual(["1001", "1007", "1012"]);
    expect(tableOf(alice, "products")).toBeUndefined();
    expect(tableOf(alice, "StoreLocations")).toBeUndefined();
    // Every hidden column of every saved policy stays out, whatever table it is on.
    const policies = await owner.query(api.private.dataSources.listPolicies, { organizationId });
    if (alice.kind !== "tables") return;
    expect(alice.tables.length).toBeGreaterThan(2);
    for (const table of alice.tables) {
      const saved = policies.find((p) => p.schema === table.schema && p.table === table.table)!;
      expect(saved.policy.kind).toBe("customer");
      const hidden = saved.policy.kind === "private" ? [] : (saved.policy.hiddenColumns ?? []);
      for (const name of hidden) expect(table.columns).not.toContain(name);
    }
    expect(JSON.stringify(alice)).not.toContain("bob@example.com");

    // Bob's ticket has an internal note ("Box was opened ..."): the agent never reads it, nor does the panel.
    const bob = await rows(await conversationOf("bob@example.com", true));
    const messages = tableOf(bob, "ticket_messages")!;
    expect(column(messages, "body")).toContain(
      "Return received. Inspection takes 2-3 business days, then the refund goes to your card.",
    );
    expect(JSON.stringify(bob)).not.toContain("Box was opened");
  });

  it('shows a few rows per table and the rest on "more"', async () => {
    const conversationId = await conversationOf("alice@example.com", true);
    // Alice's three orders have six lines.
    const first = tableOf(await rows(conversationId), "order_items")!;
    expect(first.rows).toHaveLength(5);
    expect(first.nextCursor).not.toBeNull();
    const next = await rows(conversationId, {
      schema: "public",
      table: "order_items",
      cursor: first.nextCursor!,
    });
    const rest = tableOf(next, "order_items")!;
    expect(rest.rows).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    if (next.kind === "tables") expect(next.tables).toHaveLength(1);
  });

  it("is audited as a lookup by the member, with the tables read", async () => {
    await rows(await conversationOf("alice@example.com", true));
    const entries = await owner.query(api.private.auditLog.list, {
      organizationId,
      paginationOpts: { numItems: 5, cursor: null },
    });
    const entry = entries.page.find((e) => e.operation === "lookup" && e.actor.kind === "member");
    expect(entry).toMatchObject({ outcome: { kind: "ok" }, table: expect.stringContaining("public.orders") });
    expect(entry?.rowCount).toBeGreaterThan(0);
  });

  it("says how and when they were verified, and lists their earlier conversations", async () => {
    const earlier = await conversationOf("carol@example.com", true);
    const claimed = await conversationOf("carol@example.com", false);
    const now = await conversationOf("carol@example.com", true);
    const carol = await context(now);
    expect(carol.identity).toMatchObject({
      kind: "verified",
      email: "carol@example.com",
      method: "signature",
    });
    expect(carol.past.map((c) => [c.conversationId, c.verified])).toEqual([
      [claimed, false],
      [earlier, true],
    ]);
    expect(carol.past.map((c) => c.conversationId)).not.toContain(now);
  });
});

describe("a customer nobody vouched for", () => {
  it("gets no rows, even with a customer's e-mail typed in; the panel says the e-mail is unverified", async () => {
    const conversationId = await conversationOf("alice@example.com", false);
    expect(await rows(conversationId)).toEqual({ kind: "not_verified" });
    expect((await context(conversationId)).identity).toEqual({
      kind: "unverified",
      email: "alice@example.com",
    });
  });
});
