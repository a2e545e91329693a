import { BadRequestException, DatabaseErrorException } from "@aws-sdk/client-rds-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postRaw, startRdsDataTest, type RdsDataTest } from "./rds-data-helpers.ts";

let test: RdsDataTest;

beforeAll(async () => {
  test = await startRdsDataTest();
  await test.direct.query(`
    CREATE TABLE rds_params (
      id uuid PRIMARY KEY, day date, at_time time, stamp timestamp, amount numeric(12,3), doc jsonb, note text,
      big bigint, ratio float8, flag boolean, bytes bytea
    )`);
});

afterAll(async () => {
  await test?.stop();
});

describe("ExecuteStatement parameters", () => {
  it("binds :name placeholders but not inside literals, dollar quotes, comments or ::casts", async () => {
    const output = await test.execute({
      sql: "SELECT ':not_a_param' AS literal, :a::text AS cast, $$:nope$$ AS dollar, :a AS again -- :comment\n, :b AS b",
      parameters: [
        { name: "a", value: { stringValue: "A" } },
        { name: "b", value: { longValue: 2 } },
      ],
    });
    expect(output.records).toEqual([
      [
        { stringValue: ":not_a_param" },
        { stringValue: "A" },
        { stringValue: ":nope" },
        { stringValue: "A" },
        { longValue: 2 },
      ],
    ]);
  });

  it("binds a repeated name to one value", async () => {
    const output = await test.execute({
      sql: "SELECT :x + :x AS doubled",
      parameters: [{ name: "x", value: { longValue: 21 } }],
    });
    expect(output.records).toEqual([[{ longValue: 42 }]]);
  });

  it("round-trips every Field type as a parameter, compared with pg", async () => {
    const blob = Buffer.from([0, 1, 2, 250, 255]);
    await test.execute({
      sql: `INSERT INTO rds_params (id, note, big, ratio, flag, bytes, amount)
            VALUES (:id, :note, :big, :ratio, :flag, :bytes, :amount)`,
      parameters: [
        { name: "id", value: { stringValue: "6f1c1a7e-3c39-4c55-9b0c-4c5b0d7b8a11" }, typeHint: "UUID" },
        { name: "note", value: { stringValue: "Grüße 👋 'quoted'" } },
        { name: "big", value: { longValue: 9007199254740991 } },
        { name: "ratio", value: { doubleValue: 0.1 } },
        { name: "flag", value: { booleanValue: true } },
        { name: "bytes", value: { blobValue: blob } },
        { name: "amount", value: { isNull: true } },
      ],
    });
    const row = (
      await test.direct.query<Record<string, unknown>>(
        "SELECT * FROM rds_params WHERE id = '6f1c1a7e-3c39-4c55-9b0c-4c5b0d7b8a11'",
      )
    ).rows[0];
    expect(row).toMatchObject({
      note: "Grüße 👋 'quoted'",
      big: "9007199254740991",
      ratio: 0.1,
      flag: true,
      bytes: blob,
      amount: null,
    });
  });

  it("casts string values by typeHint: DATE, TIME, TIMESTAMP, DECIMAL, JSON, UUID", async () => {
    const output = await test.execute({
      sql: `INSERT INTO rds_params (id, day, at_time, stamp, amount, doc)
            VALUES (:id, :day, :at_time, :stamp, :amount, :doc) RETURNING day, at_time, stamp, amount, doc`,
      parameters: [
        { name: "id", value: { stringValue: "0b7e4f8a-1111-4c55-9b0c-000000000001" }, typeHint: "UUID" },
        { name: "day", value: { stringValue: "2026-12-24" }, typeHint: "DATE" },
        { name: "at_time", value: { stringValue: "18:30:00" }, typeHint: "TIME" },
        { name: "stamp", value: { stringValue: "2026-12-24 18:30:00.250" }, typeHint: "TIMESTAMP" },
        { name: "amount", value: { stringValue: "12345.678" }, typeHint: "DECIMAL" },
        { name: "doc", value: { stringValue: '{"gift": true}' }, typeHint: "JSON" },
      ],
    });
    expect(output.records).toEqual([
      [
        { stringValue: "2026-12-24" },
        { stringValue: "18:30:00" },
        { stringValue: "2026-12-24 18:30:00.25" },
        { stringValue: "12345.678" },
        { stringValue: '{"gift": true}' },
      ],
    ]);
  });

  it("sends strings without typeHint as varchar, so a uuid column rejects them like on AWS", async () => {
    const sql = "INSERT INTO rds_params (note, id) VALUES (:note, :id)";
    const attempt = test.execute({
      sql,
      parameters: [
        { name: "note", value: { stringValue: "n" } },
        { name: "id", value: { stringValue: "0b7e4f8a-2222-4c55-9b0c-000000000002" } },
      ],
    });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseErrorException);
    // The Position points into the SQL as written, not into the rewritten $n text.
    await expect(attempt).rejects.toThrow(
      `ERROR: column "id" is of type uuid but expression is of type character varying; Hint: You will need to rewrite or cast the expression.; Position: ${sql.indexOf(":id") + 1}; SQLState: 42804`,
    );
  });

  it("rejects array parameters with AWS's message", async () => {
    const attempt = test.execute({
      sql: "SELECT :ids AS ids",
      parameters: [{ name: "ids", value: { arrayValue: { longValues: [1, 2] } } }],
    });
    await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    await expect(attempt).rejects.toThrow("Array parameters are not supported.");
  });

  it("rejects a placeholder without a parameter and a parameter without a placeholder", async () => {
    await expect(test.execute({ sql: "SELECT :missing AS m" })).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      test.execute({ sql: "SELECT 1 AS one", parameters: [{ name: "unused", value: { longValue: 1 } }] }),
    ).rejects.toBeInstanceOf(BadRequestException);
  });

  it("rejects several statements in one sql, as Aurora PostgreSQL's Data API does", async () => {
    const attempt = test.execute({ sql: "SELECT 1; SELECT 2" });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseErrorException);
    await expect(attempt).rejects.toThrow("cannot insert multiple commands into a prepared statement");
    // A single statement with a trailing semicolon is fine.
    expect((await test.execute({ sql: "SELECT 1 AS one;" })).records).toEqual([[{ longValue: 1 }]]);
  });

  it("keeps 64-bit longValue parameters exact (raw JSON, as non-JavaScript SDKs send them)", async () => {
    const { resourceArn, secretArn, database } = test.target;
    const body = `{"resourceArn":${JSON.stringify(resourceArn)},"secretArn":${JSON.stringify(secretArn)},"database":${JSON.stringify(database)},
      "sql":"SELECT :v::text AS t, :v AS v","parameters":[{"name":"v","value":{"longValue":9223372036854775807}}],
      "resultSetOptions":{"longReturnType":"STRING"}}`;
    const response = await postRaw(test.cloud.url, "/Execute", body);
    expect(response.status).toBe(200);
    expect((JSON.parse(response.text) as { records: unknown }).records).toEqual([
      [{ stringValue: "9223372036854775807" }, { stringValue: "9223372036854775807" }],
    ]);
  });

  it("rejects a longValue outside 64 bits and a Field with two members", async () => {
    const { resourceArn, secretArn } = test.target;
    const request = (value: string) =>
      `{"resourceArn":"${resourceArn}","secretArn":"${secretArn}","sql":"SELECT :v AS v","parameters":[{"name":"v","value":${value}}]}`;
    const tooBig = await postRaw(test.cloud.url, "/Execute", request('{"longValue":9223372036854775808}'));
    expect([tooBig.status, tooBig.errorType]).toEqual([400, "BadRequestException"]);
    const twoMembers = await postRaw(
      test.cloud.url,
      "/Execute",
      request('{"longValue":1,"stringValue":"1"}'),
    );
    expect([twoMembers.status, twoMembers.errorType]).toEqual([400, "BadRequestException"]);
  });
});
