// Documents into the organization's namespace: each format, unchanged re-uploads skipped, replaced
// versions, bad files reported on the document, deletion.
import { makePdf } from "@answerbase/documents/testing";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { knowledgeIndex } from "../convex/knowledge/searchIndex.ts";
import { createUser, deploymentEnv, startBackend, type Backend } from "./support/backend.ts";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.stop());

const FAQ = `# Returns and refunds

## Refund timing
Refunds are issued to the original payment method within 5 business days after we receive the return.

## Return window
You can return any unused item within 30 days of delivery.
`;

async function organization() {
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  const t = await startBackend();
  const owner = await createUser(t, "owner@shop.test");
  const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  return { t, owner, organizationId };
}

async function upload(
  t: Backend,
  organizationId: Id<"organizations">,
  fileName: string,
  bytes: Uint8Array | string,
) {
  const base64 = Buffer.from(bytes).toString("base64");
  const documentId = await t.action(internal.system.documents.upload, { organizationId, fileName, base64 });
  for (let i = 0; i < 200; i++) {
    const document = (await t.run((ctx) => ctx.db.get(documentId)))!;
    if (document.status.kind !== "processing") return document;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${fileName} is still processing`);
}

const search = (t: Backend, organizationId: Id<"organizations">, query: string) =>
  t.action(internal.system.knowledge.search, {
    organizationId,
    query,
    viewer: { kind: "contact", verifiedOwnerKey: null },
  });

describe("documents", () => {
  it("indexes Markdown under its headings; the same bytes again cost nothing; a new version replaces the old", async () => {
    const { t, organizationId } = await organization();
    const stats = knowledgeIndex().entry.stats;
    const first = await upload(t, organizationId, "Returns-FAQ.md", FAQ);
    expect(first.status).toMatchObject({ kind: "ready", chunks: 2 });
    const hits = await search(t, organizationId, "how long until my refund arrives payment method");
    expect(hits[0]).toMatchObject({ source: { kind: "document", title: "Returns and refunds" } });
    expect(hits[0]!.text).toMatch(/^Returns and refunds > Refund timing/);

    stats.reset();
    const again = await upload(t, organizationId, "returns-faq.md", FAQ);
    expect(again._id).toBe(first._id); // same name (case-insensitive): the same document
    expect(again.status).toMatchObject({ kind: "ready", chunks: 2 });
    expect(stats.calls).toBe(0);

    await upload(t, organizationId, "returns-faq.md", FAQ.replace("5 business days", "10 business days"));
    const texts = (await search(t, organizationId, "refund business days payment method"))
      .map((hit) => hit.text)
      .join("\n");
    expect(texts).toContain("10 business days");
    expect(texts).not.toContain("within 5 business days");
  });

  it("reads PDF, HTML, CSV and text", async () => {
    const { t, organizationId } = await organization();
    const pdf = await makePdf(
      [
        { heading: "Warranty", paragraphs: ["Headphones carry a two-year warranty against defects."] },
        { heading: "Care", paragraphs: ["Clean the ear cushions with a dry cloth."] },
      ],
      { title: "Product guide" },
    );
    expect((await upload(t, organizationId, "guide.pdf", pdf)).status).toMatchObject({
      kind: "ready",
      pages: 2,
    });
    expect(
      (
        await upload(
          t,
          organizationId,
          "hours.html",
          "<html><title>Store hours</title><body><h1>Hours</h1><p>Open 9 to 5.</p><script>x()</script></body></html>",
        )
      ).status.kind,
    ).toBe("ready");
    expect(
      (await upload(t, organizationId, "sizes.csv", 'size,chest\nM,"96-101 cm"\nL,"102-107 cm"\n')).status
        .kind,
    ).toBe("ready");
    expect((await upload(t, organizationId, "notes.txt", "Gift wrapping costs 3 euros.")).status.kind).toBe(
      "ready",
    );
    const hits = await search(t, organizationId, "headphones warranty two-year defects");
    expect(hits[0]?.source).toMatchObject({ kind: "document", title: "Product guide" });
  });

  it("a malformed PDF, an empty file and an unsupported type are clear errors; what was indexed stays", async () => {
    const { t, owner, organizationId } = await organization();
    await upload(t, organizationId, "faq.md", FAQ);
    const broken = await upload(
      t,
      organizationId,
      "broken.pdf",
      "%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage",
    );
    expect(broken.status).toMatchObject({ kind: "failed", error: { code: "corrupt" } });
    expect((await upload(t, organizationId, "empty.txt", "")).status).toMatchObject({
      kind: "failed",
      error: { code: "empty" },
    });
    await expect(upload(t, organizationId, "slides.pptx", "PK...")).rejects.toMatchObject({
      data: { code: "invalid_input" },
    });
    // A bad new version of an indexed document leaves the indexed one searchable.
    expect(
      (await upload(t, organizationId, "faq.md", new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x00, 0x00]))).status
        .kind,
    ).toBe("failed");
    expect((await search(t, organizationId, "refund payment method business days")).length).toBeGreaterThan(
      0,
    );

    const documents = await owner.as.query(api.private.documents.list, {
      organizationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(documents.page.map((d) => [d.fileName, d.status.kind]).sort()).toEqual([
      ["broken.pdf", "failed"],
      ["empty.txt", "failed"],
      ["faq.md", "failed"],
    ]);
  });

  it("deleting a document removes it from search", async () => {
    const { t, owner, organizationId } = await organization();
    const document = await upload(t, organizationId, "faq.md", FAQ);
    await owner.as.mutation(api.private.documents.remove, { organizationId, documentId: document._id });
    await expect
      .poll(async () => (await search(t, organizationId, "refund payment method business days")).length)
      .toBe(0);
  });
});
