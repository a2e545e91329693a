import { startTestPostgres, type TestPostgres } from "@answerbase/local-cloud/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog, TableInfo, TableRef } from "../src/core/connector.ts";
import { ConnectorError } from "../src/core/errors.ts";
import { analyzeSelect, guardReadOnlySelect, type GuardOptions } from "../src/sql-guard/index.ts";
import { GUARD_BYPASSES } from "./fixtures/guard-bypasses.ts";
import { GUARD_LEGITIMATE } from "./fixtures/guard-legitimate.ts";

function table(schema: string, name: string, kind: TableInfo["kind"] = "table"): TableInfo {
  return {
    schema,
    name,
    kind,
    comment: null,
    estimatedRows: null,
    columns: [],
    primaryKey: [],
    foreignKeys: [],
  };
}

/**
 * The demo shop's tables and views with their columns, read from the demo database the way
 * listTables would report them (only what the guard uses: names, kinds, column names).
 */
async function loadDemoCatalog(client: pg.Client): Promise<Catalog> {
  const { rows } = await client.query<{
    schema: string;
    name: string;
    type: string;
    column: string;
    ordinal: number;
    data_type: string;
    nullable: string;
  }>(
    `SELECT c.table_schema AS schema, c.table_name AS name, t.table_type AS type, c.column_name AS column,
            c.ordinal_position AS ordinal, c.data_type, c.is_nullable AS nullable
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema IN ('public', 'support')
      ORDER BY 1, 2, 5`,
  );
  const tables = new Map<string, TableInfo>();
  for (const row of rows) {
    const key = `${row.schema}.${row.name}`;
    const info = tables.get(key) ?? table(row.schema, row.name, row.type === "VIEW" ? "view" : "table");
    info.columns.push({
      name: row.column,
      ordinal: row.ordinal,
      nativeType: row.data_type,
      type: "other",
      nullable: row.nullable === "YES",
      comment: null,
    });
    tables.set(key, info);
  }
  return { tables: [...tables.values()] };
}

let database: TestPostgres;
let client: pg.Client;
let demoCatalog: Catalog;

beforeAll(async () => {
  database = await startTestPostgres();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  demoCatalog = await loadDemoCatalog(client);
});
afterAll(async () => {
  await client?.end();
  await database?.stop();
});

const ref = (qualified: string): TableRef => {
  const [schema = "", name = ""] = qualified.split(/\.(.*)/);
  return { schema, name };
};

async function refusal(promise: Promise<unknown>): Promise<ConnectorError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome, "the guard accepted it").toBeInstanceOf(ConnectorError);
  return outcome as ConnectorError;
}

describe("guardReadOnlySelect: known bypasses", () => {
  it("has at least 40 of them", () => {
    expect(GUARD_BYPASSES.length).toBeGreaterThanOrEqual(40);
  });

  for (const bypass of GUARD_BYPASSES) {
    it(`refuses ${bypass.why}: ${bypass.sql.slice(0, 80)}`, async () => {
      const error = await refusal(guardReadOnlySelect(bypass.sql, bypass.allowedTables, demoCatalog));
      expect(error.code).toBe("rejected_sql");
      expect(error.message.toLowerCase()).toContain(bypass.rejects.toLowerCase());
    });
  }
});

describe("guardReadOnlySelect: legitimate queries", () => {
  it("has at least 25 of them", () => {
    expect(GUARD_LEGITIMATE.length).toBeGreaterThanOrEqual(25);
  });

  for (const query of GUARD_LEGITIMATE) {
    it(`accepts ${query.what}: ${query.sql.slice(0, 80)}`, async () => {
      const { tables } = await analyzeSelect(query.sql, demoCatalog);
      expect(tables).toEqual(query.tables.map(ref));
      // Allowed exactly the tables it reads: accepted. (No allow-list at all: accepted too.)
      await expect(
        guardReadOnlySelect(query.sql, query.tables.map(ref), demoCatalog),
      ).resolves.toBeUndefined();
      await expect(guardReadOnlySelect(query.sql, undefined, demoCatalog)).resolves.toBeUndefined();
      // And it is real SQL for the demo database, which would refuse writes anyway.
      await client.query("BEGIN READ ONLY");
      try {
        await client.query(query.sql, query.params ?? []);
      } finally {
        await client.query("ROLLBACK");
      }
    });
  }

  it("refuses a legitimate query once one of its tables is taken off the allow-list", async () => {
    const twoTables = GUARD_LEGITIMATE.filter((q) => q.tables.length >= 2);
    expect(twoTables.length).toBeGreaterThan(3);
    for (const query of twoTables) {
      const [kept, ...dropped] = query.tables;
      const error = await refusal(guardReadOnlySelect(query.sql, [ref(kept ?? "")], demoCatalog));
      expect(error.code).toBe("rejected_sql");
      expect(error.message).toContain(dropped[0]);
    }
  });
});

describe("analyzeSelect", () => {
  it("reads the demo catalog with columns (the column checks depend on them)", () => {
    const names = demoCatalog.tables.map((t) => `${t.schema}.${t.name}`).sort();
    expect(names).toEqual(
      [
        "public.StoreLocations",
        "public.appointments",
        "public.customers",
        "public.inventory_events",
        "public.order_items",
        "public.order_summaries",
        "public.orders",
        "public.product_categories",
        "public.products",
        "support.ticket_messages",
        "support.tickets",
      ].sort(),
    );
    expect(demoCatalog.tables.every((t) => t.columns.length > 0)).toBe(true);
  });

  it("refuses table.name when name is no column of that table: Postgres would call name(row)", async () => {
    for (const sql of [
      "SELECT o.archive_order FROM orders o",
      "SELECT orders.archive_order FROM orders",
      "SELECT public.orders.archive_order FROM public.orders",
      "SELECT 1 FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.notify_customer)",
    ]) {
      const error = await refusal(analyzeSelect(sql, demoCatalog));
      expect(error.code).toBe("rejected_sql");
      expect(error.message).toMatch(/archive_order|notify_customer/);
    }
    // Real columns, functions we allow on a row anyway, whole rows and inner aliases that shadow outer ones.
    const fine =
      "SELECT o.status, o.row_to_json, o.* FROM orders o WHERE EXISTS (SELECT 1 FROM customers o WHERE o.email = $1)";
    await expect(analyzeSelect(fine, demoCatalog)).resolves.toBeDefined();
  });

  it("reports tables through CTEs, subqueries, joins and set operations, without CTE names", async () => {
    const sql = `WITH big AS (SELECT * FROM orders WHERE total > 100), vip AS (SELECT id FROM customers WHERE is_vip)
      SELECT b.id, (SELECT count(*) FROM order_items i WHERE i.order_id = b.id) FROM big b JOIN vip ON vip.id = b.customer_id
      UNION ALL SELECT t.order_id, 0 FROM support.tickets t WHERE EXISTS (SELECT 1 FROM big WHERE big.id = t.order_id)`;
    const { tables } = await analyzeSelect(sql, demoCatalog);
    expect(tables).toEqual(
      ["public.orders", "public.customers", "public.order_items", "support.tickets"].map(ref),
    );
  });

  it("returns the statement without trailing semicolons and comments, ready to wrap", async () => {
    const { statement } = await analyzeSelect(
      "  SELECT 'ünïcode;' AS x FROM orders ;  -- trailing note\n",
      demoCatalog,
    );
    expect(statement).toBe("SELECT 'ünïcode;' AS x FROM orders");
  });

  it("says which table is missing, with not_found so the connector reloads its catalog", async () => {
    const error = await refusal(analyzeSelect("SELECT * FROM secret_table", demoCatalog));
    expect(error.code).toBe("not_found");
    expect(error.message).toContain("secret_table");
    const hint = await refusal(analyzeSelect("SELECT * FROM tickets", demoCatalog));
    expect(hint.message).toContain("support.tickets");
  });

  it("finds unqualified tables through the search path it is given", async () => {
    const options: GuardOptions = { searchPath: ["support", "public"] };
    const { tables } = await analyzeSelect(
      "SELECT * FROM tickets JOIN orders ON orders.id = tickets.order_id",
      demoCatalog,
      options,
    );
    expect(tables).toEqual(["support.tickets", "public.orders"].map(ref));
  });

  it("refuses an unqualified name that exists in several schemas, because $user comes first on the server", async () => {
    const catalog: Catalog = { tables: [...demoCatalog.tables, table("support", "orders")] };
    const error = await refusal(analyzeSelect("SELECT * FROM orders", catalog));
    expect(error.code).toBe("rejected_sql");
    expect(error.message).toContain("public, support");
    await expect(analyzeSelect("SELECT * FROM public.orders", catalog)).resolves.toBeDefined();
  });

  it("reports a parse error as syntax with the parser's message and position", async () => {
    const error = await refusal(analyzeSelect("SELECT id FROM orders WHERE", demoCatalog));
    expect(error.code).toBe("syntax");
    expect(error.sqlState).toBe("42601");
    expect(error.message).toContain("syntax error at end of input");
    expect(error.message).toContain("character 28");
  });

  it("refuses empty and comment-only SQL", async () => {
    for (const sql of ["", "   ", "-- nothing", ";"]) {
      expect((await refusal(analyzeSelect(sql, demoCatalog))).code).toBe("rejected_sql");
    }
  });

  it("allows Redshift's own functions only for the redshift dialect", async () => {
    const sql = "SELECT nvl(carrier, 'none'), dateadd(day, 3, getdate()) FROM orders";
    expect((await refusal(analyzeSelect(sql, demoCatalog))).message).toContain("nvl");
    await expect(analyzeSelect(sql, demoCatalog, { dialect: "redshift" })).resolves.toBeDefined();
  });

  it("refuses TABLESAMPLE and generate_series by design, and accepts a recursive CTE (bounded by the statement timeout)", async () => {
    expect(
      (await refusal(analyzeSelect("SELECT * FROM orders TABLESAMPLE SYSTEM (50)", demoCatalog))).message,
    ).toContain("TABLESAMPLE");
    expect(
      (await refusal(analyzeSelect("SELECT * FROM generate_series(1, 3)", demoCatalog))).message,
    ).toContain("generate_series");
    const endless =
      "WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n) SELECT i FROM n LIMIT 5";
    await expect(analyzeSelect(endless, demoCatalog)).resolves.toEqual({ tables: [], statement: endless });
  });

  it("answers 3,000 mangled corpus entries with a coded ConnectorError or an acceptance, never a crash", async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const pieces = [
      "(",
      ")",
      "'",
      '"',
      ";",
      "--",
      "/*",
      "*/",
      "$1",
      "$$",
      "\\",
      "E'",
      "U&",
      "::",
      "[",
      "]",
      ".",
      "(x).y",
      " UNION SELECT ",
      "pg_sleep(1)",
      "\n",
    ];
    const sources = [...GUARD_BYPASSES, ...GUARD_LEGITIMATE]
      .map((entry) => entry.sql)
      .filter((sql) => sql.length < 1_000);
    const codes = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      let sql = pick(sources);
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (sql.length + 1));
        const kind = random();
        if (kind < 0.4) sql = sql.slice(0, at) + pick(pieces) + sql.slice(at);
        else if (kind < 0.7) sql = sql.slice(0, at) + sql.slice(at + 1 + Math.floor(random() * 5));
        else sql = sql.slice(0, at);
      }
      const outcome = await analyzeSelect(sql, demoCatalog).then(
        () => "accepted",
        (error: unknown) => error,
      );
      if (outcome === "accepted") continue;
      expect(outcome, sql).toBeInstanceOf(ConnectorError);
      expect((outcome as ConnectorError).code, sql).not.toBe("internal");
      codes.add((outcome as ConnectorError).code);
    }
    expect([...codes].sort()).toEqual(["not_found", "rejected_sql", "syntax"]);
  });

  it("keeps the WASM parser healthy after many inputs at the size limits", async () => {
    const deep = `SELECT ${"1+".repeat(1_990)}1`; // just under the token limit: parsed, then refused as too deep
    const wide = `SELECT ${"lower(".repeat(95)}'x'${")".repeat(95)}`; // just under the nesting limit: accepted
    for (let i = 0; i < 50; i++) {
      expect((await refusal(analyzeSelect(deep, demoCatalog))).message).toContain("nested too deeply");
      await expect(analyzeSelect(wide, demoCatalog)).resolves.toBeDefined();
    }
    await expect(analyzeSelect("SELECT id FROM orders", demoCatalog)).resolves.toEqual({
      tables: [ref("public.orders")],
      statement: "SELECT id FROM orders",
    });
  });
});
