// A row as the text the index stores: readable, keyed by its primary key, bounded, binary summarized.
import type { ResultColumn, TableInfo } from "@answerbase/connectors";
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { hashInput, MAX_ROW_TEXT, rowDocument } from "../convex/knowledge/rowDocuments.ts";

const columns: ResultColumn[] = [
  { name: "order_id", type: "bigint", nativeType: "int8" },
  { name: "line_no", type: "integer", nativeType: "int4" },
  { name: "note", type: "text", nativeType: "text" },
  { name: "photo", type: "bytea", nativeType: "bytea" },
  { name: "attributes", type: "json", nativeType: "jsonb" },
];
const table: TableInfo = {
  schema: "public",
  name: "order_items",
  kind: "table",
  comment: "Lines of an order",
  estimatedRows: null,
  columns: columns.map((c, i) => ({ ...c, ordinal: i + 1, nullable: true, comment: null })),
  primaryKey: ["order_id", "line_no"],
  foreignKeys: [],
};

describe("rowDocument", () => {
  it("keys by the composite primary key and writes column: value lines, skipping nulls", () => {
    const document = rowDocument(
      table,
      {
        order_id: "1001",
        line_no: 2,
        note: null,
        photo: { type: "bytes", length: 70_000, hexPrefix: "89504e47" },
        attributes: { color: "graphite" },
      },
      columns,
    );
    expect(document.key).toBe("public.order_items:1001,2");
    expect(document.text).toBe(
      [
        "Table public.order_items (Lines of an order), row 1001,2",
        "order_id: 1001",
        "line_no: 2",
        "photo: [binary, 70000 bytes]",
        'attributes: {"color":"graphite"}',
      ].join("\n"),
    );
    expect(document.truncated).toBe(false);
  });

  it("cuts a huge row and says so", () => {
    const document = rowDocument(table, { order_id: "1", line_no: 1, note: "x".repeat(70_000) }, columns);
    expect(document.truncated).toBe(true);
    expect(document.text.length).toBe(MAX_ROW_TEXT + 1);
  });

  it("hashes text and scope together: a re-scoped row is a changed row", () => {
    const hash = (text: string, scope: string) =>
      createHash("sha256").update(hashInput(text, scope)).digest("hex");
    expect(hash("t", "public")).not.toBe(hash("t", "customer:a@b.test"));
    expect(hash("t", "public")).toBe(hash("t", "public"));
  });
});
