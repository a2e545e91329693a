// Content gaps: questions the agent could not answer, grouped greedily by cosine similarity of their
// embeddings (the threshold checked on the offline sentence encoder), listed for members, and resolved
// when a new document makes the real knowledge search find them.
import { embedMany } from "ai";
import { embeddingModelFromEnv, testEmbeddingModel } from "@answerbase/models";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import {
  GAP_SIMILARITY,
  addExample,
  addToCentroid,
  closestGroup,
  cosine,
} from "../convex/contentGaps/clustering.ts";
import { createUser, deploymentEnv, startBackend, type Backend } from "./support/backend.ts";

/** The greedy pass `system/contentGapRecords:record` makes, over plain vectors. */
function cluster(questions: string[], embeddings: number[][]) {
  const groups: { questions: string[]; centroid: number[] }[] = [];
  questions.forEach((question, i) => {
    const embedding = embeddings[i]!;
    const group = closestGroup(groups, embedding);
    if (group === null) groups.push({ questions: [question], centroid: embedding });
    else {
      group.centroid = addToCentroid(group.centroid, group.questions.length, embedding);
      group.questions.push(question);
    }
  });
  return groups.map((group) => group.questions);
}

describe("greedy clustering", () => {
  it("joins the most similar group at or above the threshold, else starts one", () => {
    expect(cosine([1, 0], [1, 0])).toBeCloseTo(1);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([0, 0], [1, 0])).toBe(0);
    const a = { id: "a", centroid: [1, 0] };
    const b = { id: "b", centroid: [0.8, 0.6] };
    expect(closestGroup([a, b], [0.9, 0.45])?.id).toBe("b");
    expect(closestGroup([a, b], [0, 1])).toBeNull();
    expect(addToCentroid([1, 0], 1, [0, 1])).toEqual([0.5, 0.5]);
    expect(addExample(["Where is my parcel?", "b", "c", "d", "e"], "where is  my parcel?")).toEqual([
      "where is  my parcel?",
      "b",
      "c",
      "d",
      "e",
    ]);
    expect(addExample(["a", "b", "c", "d", "e"], "f")).toEqual(["f", "a", "b", "c", "d"]);
  });

  it(`groups paraphrases and keeps other topics apart with the offline sentence encoder at ${GAP_SIMILARITY}`, async () => {
    const questions = [
      "Do you ship to Canada?",
      "Do you offer gift wrapping?",
      "Can I get my order delivered to Canada?",
      "What are your opening hours?",
      "Is shipping to Canada available?",
      "Can you gift wrap my order?",
      "How do I reset my password?",
    ];
    const { embeddings } = await embedMany({
      model: embeddingModelFromEnv({ EMBEDDING_MODEL: "offline" }).model,
      values: questions,
    });
    expect(cluster(questions, embeddings)).toEqual([
      [
        "Do you ship to Canada?",
        "Can I get my order delivered to Canada?",
        "Is shipping to Canada available?",
      ],
      ["Do you offer gift wrapping?", "Can you gift wrap my order?"],
      ["What are your opening hours?"],
      ["How do I reset my password?"],
    ]);
  }, 120_000);
});

describe("content gaps in an organization", () => {
  let cloud: TestCloud;
  let t: Backend;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let organizationId: Id<"organizations">;
  const model = testEmbeddingModel();

  beforeAll(async () => {
    cloud = await startTestCloud();
    Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
    t = await startBackend();
    owner = await createUser(t, "owner@shop.test");
    organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  });
  afterAll(async () => {
    await t?.finishInProgressScheduledFunctions();
    await cloud?.stop();
  });

  async function unanswered(question: string, escalated = false) {
    const { embeddings } = await embedMany({ model: model.model, values: [question] });
    return await t.mutation(internal.system.contentGapRecords.record, {
      organizationId,
      question,
      escalated,
      embedding: embeddings[0]!,
      modelId: model.id,
    });
  }

  it("counts repeated questions in one group, most asked first, with examples", async () => {
    const refunds = await unanswered("How long do refunds take?");
    expect(await unanswered("How long do refunds take?", true)).toBe(refunds);
    expect(await unanswered("how long do refunds take")).toBe(refunds);
    const giftCards = await unanswered("Do you sell gift cards?");
    expect(giftCards).not.toBe(refunds);

    const { open, resolved } = await owner.as.query(api.private.contentGaps.list, { organizationId });
    expect(resolved).toEqual([]);
    expect(open.map((gap) => [gap.question, gap.count, gap.escalated])).toEqual([
      ["How long do refunds take?", 3, 1],
      ["Do you sell gift cards?", 1, 0],
    ]);
    expect(open[0]!.examples).toEqual(["how long do refunds take", "How long do refunds take?"]);
    expect(open[0]).not.toHaveProperty("centroid");
  });

  it("a new document that answers a group resolves it after its ingestion; the others stay open", async () => {
    const { open } = await owner.as.query(api.private.contentGaps.list, { organizationId });
    const refunds = open.find((gap) => gap.question === "How long do refunds take?")!;
    const documentId = await t.action(internal.system.documents.upload, {
      organizationId,
      fileName: "refunds.md",
      base64: Buffer.from(
        "# Refunds\n\nHow long do refunds take? Refunds take 5 business days to reach your card.\n",
      ).toString("base64"),
    });
    await owner.as.mutation(api.private.contentGaps.linkArticle, {
      organizationId,
      gapId: refunds._id,
      documentId,
    });
    let list = await owner.as.query(api.private.contentGaps.list, { organizationId });
    for (let i = 0; i < 200 && list.resolved.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      list = await owner.as.query(api.private.contentGaps.list, { organizationId });
    }
    expect(list.resolved.map((gap) => [gap.question, gap.status])).toEqual([
      ["How long do refunds take?", { kind: "resolved", at: expect.any(Number), documentTitle: "Refunds" }],
    ]);
    expect(list.open.map((gap) => gap.question)).toEqual(["Do you sell gift cards?"]);
    // A question after the resolution starts a new group: the article did not answer this customer.
    await unanswered("How long do refunds take?");
    const after = await owner.as.query(api.private.contentGaps.list, { organizationId });
    expect(after.open.map((gap) => [gap.question, gap.count])).toContainEqual([
      "How long do refunds take?",
      1,
    ]);
  });

  it("only admins link an article, only to their organization's gaps", async () => {
    const member = await createUser(t, "member@shop.test");
    await t.run((ctx) =>
      ctx.db.insert("memberships", { organizationId, userId: member.userId, role: "member" }),
    );
    const { open } = await member.as.query(api.private.contentGaps.list, { organizationId });
    const documentId = await t.run(async (ctx) => (await ctx.db.query("knowledgeDocuments").first())!._id);
    const refused = await member.as
      .mutation(api.private.contentGaps.linkArticle, { organizationId, gapId: open[0]!._id, documentId })
      .then(
        () => null,
        (error: { data?: { code?: string } }) => error.data?.code,
      );
    expect(refused).toBe("forbidden");
  });
});
