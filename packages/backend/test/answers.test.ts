// The agent's lookup: database ∥ knowledge base, priority rules, scoping, degradation, hard timeouts.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { lookupInputSchema, lookupResultSchema, offlineLanguageModel } from "@answerbase/models/language";
import { generateText, stepCountIs, tool } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { deploymentEnv, startBackend, seedDemo, ingestionSettled, type Backend } from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let organizationId: Id<"organizations">;
let owner: ReturnType<Backend["withIdentity"]>;

const FAQ = `# Returns and refunds

## Refund timing
Refunds are issued to the original payment method within 5 business days after we receive the return.
`;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  ({ organizationId, owner } = await seedDemo(t, cloud));
  await t.action(internal.system.documents.upload, {
    organizationId,
    fileName: "returns.md",
    base64: Buffer.from(FAQ).toString("base64"),
  });
  await ingestionSettled(owner, organizationId);
});
afterAll(() => cloud?.stop());

const ask = (question: string, verifiedOwnerKey: string | null, timeoutMs?: number) =>
  t.action(internal.system.answers.lookup, {
    organizationId,
    question,
    viewer: { kind: "contact", verifiedOwnerKey },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });

const cells = (result: Awaited<ReturnType<typeof ask>>) =>
  (result.result.rows ?? []).flatMap((table) => table.rows.flat().map(String));

describe("priority rules and scoping", () => {
  it("a verified customer's order comes from the database, and only theirs", async () => {
    const answer = await ask("where is my order #1001?", "alice@example.com");
    expect(answer.result.source).toBe("database");
    expect(cells(answer)).toEqual(expect.arrayContaining(["shipped", "UPS", "1Z999AA10123456784"]));
    expect(answer.result.passages).toBeUndefined(); // rows → answer from rows only
    expect(lookupResultSchema.parse(answer.result)).toEqual(answer.result); // the offline model's contract

    // The offline language model answers from exactly this result, with the row's own values.
    const reply = await generateText({
      model: offlineLanguageModel(),
      prompt: "where is my order #1001?",
      tools: {
        lookup: tool({ inputSchema: lookupInputSchema, execute: () => Promise.resolve(answer.result) }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(reply.steps[0]?.toolCalls.map((call) => call.toolName)).toEqual(["lookup"]);
    expect(reply.text).toMatch(/1Z999AA10123456784/);
    expect(reply.text).toMatch(/UPS/);

    const other = await ask("where is order #1002?", "alice@example.com");
    expect(cells(other)).not.toContain("1002");
    expect(other.database.outcome).not.toBe("failed");
  });

  it("an unverified visitor gets public rows and a note on how to get account help", async () => {
    const answer = await ask("is SKU-789 in stock?", null);
    expect(answer.result.source).toBe("database");
    expect(answer.result.rows?.[0]?.table).toBe("public.products");
    expect(cells(answer)).toContain("14");
    expect(answer.result.note).toMatch(/sign in/);
    const orders = await ask("where is my order #1001?", null);
    expect(cells(orders)).not.toContain("1Z999AA10123456784");
  });

  it("no rows: the knowledge base answers, with the document's title", async () => {
    const answer = await ask("how long do refunds take to reach my payment method", null);
    expect(answer.result.source).toBe("knowledge_base");
    expect(answer.result.passages?.[0]).toMatchObject({ title: "Returns and refunds" });
    expect(answer.cited).toEqual(
      expect.arrayContaining([{ kind: "document", title: "Returns and refunds" }]),
    );
  });

  it("a passage near the question but about something else is not an answer: nothing found", async () => {
    // The refunds article is the nearest passage to any shop question; it shares no word with this one.
    const answer = await ask("Do you offer a student discount?", null);
    expect(answer.result.source).toBe("none");
    expect(answer.knowledgeBase.outcome).toBe("empty");
  });

  it("words that together match no row still find the row holding one of them", async () => {
    // No store's name or region holds "sunday": the Seattle store is still the one asked about.
    const answer = await ask("Is the Seattle flagship open on Sunday?", null);
    expect(answer.result.source).toBe("database");
    expect(answer.result.rows?.[0]?.table).toBe("public.StoreLocations");
    expect(cells(answer).join(" ")).toMatch(/Brightside Seattle Flagship/);
    expect(cells(answer).join(" ")).not.toMatch(/Brightside Austin/);
  });

  it("neither: said plainly", async () => {
    const answer = await ask("zzqx vortex quasar", "alice@example.com");
    expect(answer.result).toEqual({ source: "none" });
    expect(answer.database.outcome).toBe("empty");
    expect(answer.knowledgeBase.outcome).toBe("empty");
  });
});

describe("degradation", () => {
  it("a slow database is cut off at its hard timeout and the knowledge base still answers", async () => {
    cloud.cloud.faults.add({ service: "neon", delayMs: 2_000, times: 100 });
    try {
      const started = performance.now();
      const answer = await ask("is SKU-789 in stock?", null, 300);
      expect(performance.now() - started).toBeLessThan(1_900); // without the cut-off: at least 2 s
      expect(answer.database).toMatchObject({ outcome: "timeout", code: "timeout" });
      expect(answer.knowledgeBase.outcome).toBe("ok");
      // The ingested product row answers from the index instead.
      expect(answer.result.source).toBe("knowledge_base");
      expect(answer.result.passages?.some((passage) => passage.title.endsWith("(products)"))).toBe(true);
    } finally {
      cloud.cloud.faults.clear();
    }
  });

  it("a failing database still gives the knowledge-base answer, and every lookup is audited", async () => {
    await owner.action(api.private.dataSourceActions.disconnect, { organizationId });
    const answer = await ask("how long do refunds take to reach my payment method", null);
    expect(answer.database).toMatchObject({ outcome: "failed", code: "not_configured" });
    expect(answer.result.source).toBe("knowledge_base");
    const audit = await owner.query(api.private.auditLog.list, {
      organizationId,
      paginationOpts: { numItems: 50, cursor: null },
    });
    expect(audit.page.filter((event) => event.operation === "lookup").length).toBeGreaterThanOrEqual(6);
  });
});
