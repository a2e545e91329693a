import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  UnsupportedResultException,
  type ColumnMetadata,
  type Field,
} from "@aws-sdk/client-rds-data";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRdsDataTest, type RdsDataTest } from "./rds-data-helpers.ts";

const FIXTURE = `
  CREATE TYPE rds_mood AS ENUM ('happy', 'sad');
  CREATE TABLE rds_types (
    id serial PRIMARY KEY,
    small smallint, whole integer NOT NULL, big bigint, amount numeric(10,2), ratio real, precise double precision,
    flag boolean, label varchar(40), note text, code char(3), day date, at_time time, stamp timestamp(3),
    stamp_tz timestamptz, span interval, ident uuid, doc json, docb jsonb, bytes bytea, tags text[], scores int[],
    mood rds_mood, moods rds_mood[]
  );
  INSERT INTO rds_types (small, whole, big, amount, ratio, precise, flag, label, note, code, day, at_time, stamp,
    stamp_tz, span, ident, doc, docb, bytes, tags, scores, mood, moods)
  VALUES (-32768, 2147483647, 9007199254740991, 12345678.90, 1.5, 3.141592653589793, true, 'Grüße 👋',
    E'line\\nbreak "quoted"', 'ab', '2026-01-05', '10:30:00', '2026-01-05 10:00:00.123', '2026-01-05 11:00:00.5+01',
    '1 day 02:00:00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2]}', '{"b": true}', '\\x00ff10',
    ARRAY['x', NULL, 'y z', 'NULL', 'q"x'], ARRAY[1, NULL, 3], 'happy', ARRAY['sad', 'happy']::rds_mood[]);
  INSERT INTO rds_types (whole) VALUES (0);
`;

/** Date and time columns compared as Postgres text; the rest with pg's default parsers. */
const RAW_DATE_TIME_OIDS = new Set([1082, 1083, 1114, 1186]);
const directTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary"): ((value: string) => unknown) =>
    RAW_DATE_TIME_OIDS.has(oid)
      ? (value: string) => value
      : (pg.types.getTypeParser(oid, format ?? "text") as (value: string) => unknown),
};

let test: RdsDataTest;

beforeAll(async () => {
  test = await startRdsDataTest();
  await test.direct.query(FIXTURE);
});

afterAll(async () => {
  await test?.stop();
});

/** Rows of a Data API result keyed by column name (needs includeResultMetadata). */
function rowsByName(output: {
  records?: Field[][];
  columnMetadata?: { name?: string }[];
}): Record<string, Field>[] {
  const names = output.columnMetadata!.map((column) => column.name!);
  return output.records!.map((record) =>
    Object.fromEntries(record.map((field, i): [string, Field] => [names[i]!, field])),
  );
}

describe("ExecuteStatement values", () => {
  it("converts every column type the way the Data API does, matching what pg reads", async () => {
    const output = await test.execute({
      sql: "SELECT * FROM rds_types ORDER BY id",
      includeResultMetadata: true,
    });
    const [data, empty] = rowsByName(output);
    const expected = (
      await test.direct.query<Record<string, unknown>>({
        text: "SELECT * FROM rds_types ORDER BY id",
        types: directTypes,
      })
    ).rows[0]!;

    expect(output.numberOfRecordsUpdated).toBe(0);
    expect(data!.small).toEqual({ longValue: expected.small });
    expect(data!.whole).toEqual({ longValue: expected.whole });
    expect(data!.big).toEqual({ longValue: Number(expected.big) });
    expect(data!.amount).toEqual({ stringValue: expected.amount });
    expect(data!.ratio).toEqual({ doubleValue: expected.ratio });
    expect(data!.precise).toEqual({ doubleValue: expected.precise });
    expect(data!.flag).toEqual({ booleanValue: expected.flag });
    for (const name of ["label", "note", "code", "day", "at_time", "stamp", "span", "ident", "mood"]) {
      expect(data![name], name).toEqual({ stringValue: expected[name] });
    }
    expect(data!.stamp).toEqual({ stringValue: "2026-01-05 10:00:00.123" });
    // timestamptz: UTC, no offset.
    expect(data!.stamp_tz).toEqual({ stringValue: "2026-01-05 10:00:00.5" });
    expect(new Date(`${data!.stamp_tz!.stringValue!.replace(" ", "T")}Z`).getTime()).toBe(
      (expected.stamp_tz as Date).getTime(),
    );
    expect(JSON.parse(data!.doc!.stringValue!)).toEqual(expected.doc);
    expect(JSON.parse(data!.docb!.stringValue!)).toEqual(expected.docb);
    expect(Buffer.from(data!.bytes!.blobValue!)).toEqual(expected.bytes);
    expect(data!.tags).toEqual({ arrayValue: { stringValues: expected.tags } });
    expect(data!.scores).toEqual({ arrayValue: { longValues: expected.scores } });
    expect(data!.moods).toEqual({ arrayValue: { stringValues: ["sad", "happy"] } });

    for (const [name, field] of Object.entries(empty!)) {
      if (name !== "id" && name !== "whole") expect(field, name).toEqual({ isNull: true });
    }
  });

  it("describes columns like pgjdbc: JDBC types, precision, scale, nullability, table and serial", async () => {
    const output = await test.execute({
      sql: "SELECT id, whole, amount, label, stamp_tz, tags, mood, bytes, 1 + 1 AS two FROM rds_types LIMIT 0",
      includeResultMetadata: true,
    });
    expect(output.records).toEqual([]);
    const columns = Object.fromEntries(
      output.columnMetadata!.map((column): [string, ColumnMetadata] => [column.name!, column]),
    );
    expect(columns.id).toMatchObject({
      type: 4,
      typeName: "serial",
      label: "id",
      tableName: "rds_types",
      schemaName: "",
      isAutoIncrement: true,
      isSigned: true,
      nullable: 0,
      precision: 10,
      scale: 0,
      arrayBaseColumnType: 0,
    });
    expect(columns.whole).toMatchObject({ type: 4, typeName: "int4", isAutoIncrement: false, nullable: 0 });
    expect(columns.amount).toMatchObject({
      type: 2,
      typeName: "numeric",
      precision: 10,
      scale: 2,
      nullable: 1,
      isCaseSensitive: false,
    });
    expect(columns.label).toMatchObject({
      type: 12,
      typeName: "varchar",
      precision: 40,
      isCaseSensitive: true,
      isSigned: false,
    });
    expect(columns.stamp_tz).toMatchObject({ type: 93, typeName: "timestamptz", scale: 6 });
    expect(columns.tags).toMatchObject({ type: 2003, typeName: "_text", arrayBaseColumnType: 12 });
    expect(columns.mood).toMatchObject({ typeName: "rds_mood", type: 12 });
    expect(columns.bytes).toMatchObject({ type: -2, typeName: "bytea" });
    expect(columns.two).toMatchObject({
      type: 4,
      typeName: "int4",
      tableName: "",
      nullable: 1,
      isAutoIncrement: false,
    });
  });

  it("leaves columnMetadata out unless includeResultMetadata is set", async () => {
    const output = await test.execute({ sql: "SELECT 1 AS one" });
    expect(output.records).toEqual([[{ longValue: 1 }]]);
    expect(output.columnMetadata).toBeUndefined();
  });

  it("formats records as a JSON string with formatRecordsAs JSON, without records or metadata", async () => {
    const output = await test.execute({
      sql: "SELECT id, big, amount, ratio, flag, tags, scores, bytes, stamp_tz, doc, note FROM rds_types ORDER BY id",
      formatRecordsAs: "JSON",
      includeResultMetadata: true,
    });
    expect(output.records).toBeUndefined();
    expect(output.columnMetadata).toBeUndefined();
    const direct = (
      await test.direct.query<Record<string, unknown>>(
        "SELECT id, big, amount, ratio, note FROM rds_types ORDER BY id",
      )
    ).rows;
    expect(JSON.parse(output.formattedRecords!)).toEqual([
      {
        id: direct[0]!.id,
        big: Number(direct[0]!.big),
        amount: direct[0]!.amount,
        ratio: direct[0]!.ratio,
        flag: true,
        tags: ["x", null, "y z", "NULL", 'q"x'],
        scores: [1, null, 3],
        bytes: "AP8Q",
        stamp_tz: "2026-01-05 10:00:00.5",
        doc: '{"a": [1, 2]}',
        note: direct[0]!.note,
      },
      {
        id: direct[1]!.id,
        big: null,
        amount: null,
        ratio: null,
        flag: null,
        tags: null,
        scores: null,
        bytes: null,
        stamp_tz: null,
        doc: null,
        note: null,
      },
    ]);
  });

  it("writes 64-bit integers exactly in formattedRecords and an empty result as []", async () => {
    const output = await test.execute({
      sql: "SELECT 9223372036854775807::int8 AS big",
      formatRecordsAs: "JSON",
    });
    expect(output.formattedRecords).toBe('[{"big":9223372036854775807}]');
    const none = await test.execute({ sql: "SELECT 1 AS one WHERE false", formatRecordsAs: "JSON" });
    expect(none.formattedRecords).toBe("[]");
  });

  it("applies resultSetOptions to decimals and longs", async () => {
    const sql = "SELECT 12.50::numeric AS d, 42::numeric AS l, 9223372036854775807::int8 AS big";
    const defaults = await test.execute({ sql });
    expect(defaults.records).toEqual([
      [{ stringValue: "12.50" }, { stringValue: "42" }, { longValue: 2 ** 63 }],
    ]);
    const converted = await test.execute({
      sql,
      resultSetOptions: { decimalReturnType: "DOUBLE_OR_LONG", longReturnType: "STRING" },
    });
    expect(converted.records).toEqual([
      [{ doubleValue: 12.5 }, { longValue: 42 }, { stringValue: "9223372036854775807" }],
    ]);
    const json = await test.execute({
      sql,
      formatRecordsAs: "JSON",
      resultSetOptions: { decimalReturnType: "DOUBLE_OR_LONG", longReturnType: "STRING" },
    });
    expect(json.formattedRecords).toBe('[{"d":12.50,"l":42,"big":"9223372036854775807"}]');
  });

  it("reports changed rows for DML and returns RETURNING rows as records", async () => {
    const inserted = await test.execute({
      sql: "INSERT INTO rds_types (whole) VALUES (7), (8) RETURNING whole",
    });
    expect(inserted.numberOfRecordsUpdated).toBe(2);
    expect(inserted.records).toEqual([[{ longValue: 7 }], [{ longValue: 8 }]]);
    const updated = await test.execute({
      sql: "UPDATE rds_types SET note = 'changed' WHERE whole IN (7, 8)",
    });
    expect(updated.numberOfRecordsUpdated).toBe(2);
    expect(updated.records).toBeUndefined();
    const deleted = await test.execute({ sql: "DELETE FROM rds_types WHERE whole IN (7, 8)" });
    expect(deleted.numberOfRecordsUpdated).toBe(2);
  });

  it("returns timestamptz in UTC whatever the session time zone", async () => {
    const { transactionId } = await test.client.send(new BeginTransactionCommand(test.target));
    await test.execute({ sql: "SET LOCAL TIME ZONE 'Asia/Kolkata'", transactionId });
    const output = await test.execute({
      sql: "SELECT '2026-01-05 10:00:00.25+00'::timestamptz AS at, '2026-01-05 10:00:00+00'::timestamptz::text AS local",
      transactionId,
    });
    await test.client.send(new CommitTransactionCommand({ ...test.target, transactionId }));
    expect(output.records).toEqual([
      [{ stringValue: "2026-01-05 10:00:00.25" }, { stringValue: "2026-01-05 15:30:00+05:30" }],
    ]);
  });

  it("rejects multidimensional arrays with UnsupportedResultException", async () => {
    await expect(test.execute({ sql: "SELECT '{{1,2},{3,4}}'::int[] AS grid" })).rejects.toBeInstanceOf(
      UnsupportedResultException,
    );
  });
});
