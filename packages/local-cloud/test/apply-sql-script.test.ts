import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySqlScript, SqlScriptError } from "../src/sql/apply-sql-script.ts";

describe("applySqlScript", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(async () => {
    await db.close();
  });

  it("runs every statement and counts them", async () => {
    const count = await applySqlScript(
      db,
      "CREATE TABLE t (x int);\nINSERT INTO t VALUES (1), (2);\n-- done\n",
    );
    expect(count).toBe(2);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM t")).rows[0]?.n).toBe(2);
  });

  it("names the file, the failing line and the statement, and keeps the driver error", async () => {
    const script = ["CREATE TABLE ok (x int);", "", "INSERT INTO ok", "  VALUES (1),", "  (oops);"].join(
      "\n",
    );
    const error = await applySqlScript(db, script, "database-schema.sql").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlScriptError);
    const scriptError = error as SqlScriptError;
    // `oops` is an undefined column on line 5; pg's position points at it.
    expect(scriptError.line).toBe(5);
    expect(scriptError.message).toMatch(/^database-schema\.sql:5: column "oops" does not exist/);
    expect(scriptError.statement).toContain("INSERT INTO ok");
    expect((scriptError.cause as { code?: string }).code).toBe("42703");
  });

  it("rolls back an open transaction so nothing of a failed script half-applies", async () => {
    const script = "BEGIN;\nCREATE TABLE half (x int);\nSELECT nope FROM half;\nCOMMIT;";
    await expect(applySqlScript(db, script)).rejects.toThrow(/script\.sql:3/);
    const exists = await db.query<{ t: string | null }>("SELECT to_regclass('half')::text AS t");
    expect(exists.rows[0]?.t).toBeNull();
  });
});
