import { randomBytes } from "node:crypto";
import { ListStatementsCommand, RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { DEMO, FAULT_PRESETS } from "@answerbase/local-cloud";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RedshiftConfig } from "../src/core/config.ts";
import type { Connector, Row, TableInfo, TableRef } from "../src/core/connector.ts";
import type { ConnectorEnvironment } from "../src/environment.ts";
import { createPostgresConnector } from "../src/postgres/postgres-connector.ts";
import { createRedshiftConnector } from "../src/redshift/redshift-connector.ts";
import { preserveLongValues } from "../src/redshift/exact-long-values.ts";
import { STATEMENT_NAME } from "../src/redshift/redshift-executor.ts";
import {
  POSTGRES_ESTIMATED_ROWS_QUERY,
  REDSHIFT_ESTIMATED_ROWS_QUERY,
} from "../src/redshift-dialect/estimated-rows.ts";
import { redshiftDialect } from "../src/redshift-dialect/redshift-dialect.ts";
import {
  collectRows,
  createWideSchema,
  dropWideSchema,
  failureOf,
  referenceRows,
  runSql,
  sortedRows,
} from "./support/pg-reference.ts";

/**
 * The `redshift` connector in its four configurations (Data API with cluster + secret, workgroup +
 * secret, cluster + dbUser; direct connection string) against the local cloud, held to what `pg` +
 * core/values.ts read from the same database. The local Redshift is PostgreSQL underneath, so these
 * tests prove the Redshift SQL runs there; what Redshift itself accepts is checked by the syntax test.
 */

const onServer = Boolean(process.env.TEST_DATABASE_URL);
const suffix = randomBytes(4).toString("hex");

let stack: TestCloud;
let environment: ConnectorEnvironment;

const MODES: { name: string; dataApi: boolean; config: () => RedshiftConfig }[] = [
  {
    name: "cluster + secret",
    dataApi: true,
    config: () => ({
      provider: "redshift",
      clusterIdentifier: stack.demo.redshift.clusterIdentifier,
      secretArn: stack.demo.redshift.secretArn,
      database: stack.demo.redshift.database,
      roleArn: stack.demo.redshift.roleArn,
    }),
  },
  {
    name: "workgroup + secret",
    dataApi: true,
    config: () => ({
      provider: "redshift",
      workgroupName: stack.demo.redshift.workgroupName,
      secretArn: stack.demo.redshift.secretArn,
      database: stack.demo.redshift.database,
      roleArn: stack.demo.redshift.roleArn,
    }),
  },
  {
    name: "cluster + dbUser",
    dataApi: true,
    config: () => ({
      provider: "redshift",
      clusterIdentifier: stack.demo.redshift.clusterIdentifier,
      dbUser: stack.demo.redshift.dbUser,
      database: stack.demo.redshift.database,
      roleArn: stack.demo.redshift.roleArn,
      region: stack.demo.redshift.region,
    }),
  },
  {
    name: "direct connection string",
    dataApi: false,
    config: () => ({ provider: "redshift", connectionString: stack.demo.connectionString }),
  },
];

/** The demo cluster through the Data API with the demo secret, with some fields replaced. */
const dataApi = (overrides: { clusterIdentifier?: string; secretArn?: string } = {}): RedshiftConfig => ({
  provider: "redshift",
  clusterIdentifier: overrides.clusterIdentifier ?? stack.demo.redshift.clusterIdentifier,
  secretArn: overrides.secretArn ?? stack.demo.redshift.secretArn,
  database: stack.demo.redshift.database,
  roleArn: stack.demo.redshift.roleArn,
});

/** Runs `use` with a fresh connector, closed afterwards. */
async function withConnector<T>(
  config: RedshiftConfig,
  use: (connector: Connector) => Promise<T>,
): Promise<T> {
  const connector = createRedshiftConnector(config, environment);
  try {
    return await use(connector);
  } finally {
    await connector.close();
  }
}

async function previewAll(connector: Connector, table: TableRef, limit: number): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const page = await connector.preview(table, { limit, cursor });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

const password = () => decodeURIComponent(new URL(stack.demo.connectionString).password);

beforeAll(async () => {
  stack = await startTestCloud();
  environment = {
    network: "private_networks",
    tenant: { organizationId: "org_connector_tests" },
    aws: {
      endpoint: stack.cloud.url,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    },
  };
  await runSql(stack.demo.connectionString, "ANALYZE");
});

afterEach(() => {
  stack.cloud.faults.clear();
});

afterAll(async () => {
  await stack?.stop();
});

describe("the Redshift dialect", () => {
  it("uses no PostgreSQL-only syntax", () => {
    const table: TableInfo = {
      schema: "public",
      name: "order_items",
      kind: "table",
      comment: null,
      estimatedRows: null,
      columns: [
        {
          name: "order_id",
          ordinal: 1,
          nativeType: "bigint",
          type: "bigint",
          nullable: false,
          comment: null,
        },
        {
          name: "note",
          ordinal: 2,
          nativeType: "character varying(20)",
          type: "text",
          nullable: true,
          comment: null,
        },
      ],
      primaryKey: [],
      foreignKeys: [],
    };
    const statements = [
      redshiftDialect.versionQuery,
      redshiftDialect.catalogQuery,
      REDSHIFT_ESTIMATED_ROWS_QUERY,
      redshiftDialect.keysetPage(table, ["order_id", "note"], ["12", null], 100).sql,
      redshiftDialect.keysetPage(table, ["order_id", "note"], ["12", "x"], 100).sql,
      redshiftDialect.limitRows("SELECT 1", 10),
    ];
    for (const sql of statements) {
      expect(sql).not.toMatch(
        /json_agg|json_build|jsonb|\bLATERAL\b|regclass|\bFILTER\s*\(|::|\bunnest\b|string_agg|\bARRAY\[|ORDINALITY|\(\s*"[^"]+"\s*,\s*"[^"]+"\s*\)\s*>/i,
      );
    }
    // The Postgres statistics query is only for servers that are not Redshift.
    expect(POSTGRES_ESTIMATED_ROWS_QUERY).not.toMatch(/svv_/i);
  });

  it("keeps int8 beyond 2^53 exact where the SDK's JSON parsing would round it", () => {
    // The local Redshift rounds such values itself (docs/local-cloud.md), so this is checked on the raw JSON.
    const body =
      '{"Records":[[{"longValue":9007199254740993},{"longValue":42},{"stringValue":"\\"longValue\\":12345678901234567890"}]]}';
    expect(JSON.parse(preserveLongValues(body))).toEqual({
      Records: [
        [
          { stringValue: "9007199254740993" },
          { longValue: 42 },
          { stringValue: '"longValue":12345678901234567890' },
        ],
      ],
    });
  });
});

for (const mode of MODES) {
  describe(mode.name, () => {
    let connector: Connector;
    beforeAll(() => {
      connector = createRedshiftConnector(mode.config(), environment);
    });
    afterAll(async () => {
      await connector?.close();
    });

    it("tests the connection", async () => {
      const result = await connector.test();
      expect(result.serverVersion).toMatch(/^PostgreSQL \d+/); // the local Redshift is PostgreSQL underneath
      expect(result.database).toBe(stack.demo.redshift.database);
    });

    it("lists tables, views, keys and estimated rows", async () => {
      const { tables } = await connector.listTables();
      const find = (schema: string, name: string) =>
        tables.find((t) => t.schema === schema && t.name === name);
      expect(find("public", "order_items")?.primaryKey).toEqual(["order_id", "line_no"]);
      expect(find("public", "inventory_events")?.primaryKey).toEqual([]);
      expect(find("public", "order_summaries")?.kind).toBe("view");
      expect(find("public", "order_summaries")?.estimatedRows).toBeNull();
      expect(find("public", "customers")?.estimatedRows).toBe(8); // ANALYZEd; 8 demo customers
      expect(find("public", "customers")?.comment).toMatch(/^End customers of the shop/);
      expect(find("public", "StoreLocations")?.columns.find((c) => c.name === "Region Name")).toMatchObject({
        type: "text",
        nullable: false,
      });
      expect(find("public", "products")?.columns.find((c) => c.name === "price")?.nativeType).toBe(
        "numeric(12,2)",
      );
      expect(
        find("support", "tickets")
          ?.foreignKeys.map((fk) => `${fk.columns.join()}->${fk.references.schema}.${fk.references.name}`)
          .sort(),
      ).toEqual(["customer_id->public.customers", "order_id->public.orders"]);
    });

    it("returns every demo table exactly as pg + values.ts read it", async () => {
      const { tables } = await connector.listTables();
      for (const table of tables) {
        const expected = await referenceRows(
          stack.demo.connectionString,
          `SELECT * FROM "${table.schema}"."${table.name}"`,
        );
        // Without a key, two identical rows are returned once when a page boundary splits them (core/keyset.ts).
        const limit = table.primaryKey.length > 0 ? 4 : 200;
        expect(
          sortedRows(await previewAll(connector, table, limit)),
          `${table.schema}.${table.name}`,
        ).toEqual(sortedRows(expected));
      }
    });

    it("streams by composite key and resumes from a batch's cursor", async () => {
      const table = { schema: "public", name: "order_items" };
      const expected = await referenceRows(
        stack.demo.connectionString,
        "SELECT * FROM order_items ORDER BY order_id, line_no",
      );
      expect(await collectRows(connector.streamRows(table, { batchSize: 4 }))).toEqual(expected);
      let resumeFrom: string | null = null;
      for await (const batch of connector.streamRows(table, { batchSize: 4 })) {
        resumeFrom = batch.cursor;
        break;
      }
      expect(await collectRows(connector.streamRows(table, { batchSize: 4, cursor: resumeFrom }))).toEqual(
        expected.slice(4),
      );
    });

    it("binds parameters, leaving literals and casts alone", async () => {
      const result = await connector.query(
        "SELECT order_number, status, '$1' AS literal, $2::int + 1 AS next FROM orders WHERE order_number = $1 AND (total > 0) = $3",
        [1001, 41, true],
      );
      const [row] = await referenceRows(
        stack.demo.connectionString,
        "SELECT status FROM orders WHERE order_number = 1001",
      );
      expect(result.rows).toEqual([{ order_number: "1001", status: row?.status, literal: "$1", next: 42 }]);
    });

    it("maps statement failures", async () => {
      expect((await failureOf(connector.query("SELECT no_such_column FROM orders"))).code).toBe("syntax");
      expect((await failureOf(connector.preview({ schema: "public", name: "no_such_table" }))).code).toBe(
        "not_found",
      );
    });
  });
}

describe("Data API specifics", () => {
  let connector: Connector;
  beforeAll(() => {
    connector = createRedshiftConnector(dataApi(), environment);
  });
  afterAll(async () => {
    await connector?.close();
  });

  it("refuses a NULL parameter instead of splicing it", async () => {
    const failure = await failureOf(connector.query("SELECT id FROM customers WHERE phone = $1", [null]));
    expect(failure.code).toBe("invalid_input");
    expect(failure.message).toMatch(/IS NULL/);
  });

  it("reports a table dropped since the catalog was read as not_found", async () => {
    await runSql(stack.demo.connectionString, "CREATE TABLE public.short_lived (id integer PRIMARY KEY)");
    await withConnector(dataApi(), async (fresh) => {
      await fresh.listTables();
      await runSql(stack.demo.connectionString, "DROP TABLE public.short_lived");
      const failure = await failureOf(fresh.preview({ schema: "public", name: "short_lived" }));
      expect(failure.code).toBe("not_found");
      expect(failure.message).toMatch(/short_lived/);
    });
  });

  it("cancels a statement that outlives the timeout", async () => {
    const settings = stack.cloud.settings.redshiftData;
    const saved = settings.executionDelayMs;
    settings.executionDelayMs = 5_000; // the statement stays STARTED this long after its query ran
    const marker = `cancel-${suffix}`;
    try {
      const started = performance.now();
      const failure = await failureOf(
        connector.query(`SELECT '${marker}' AS marker`, [], { timeoutMs: 600 }),
      );
      expect(failure.code).toBe("timeout");
      expect(performance.now() - started).toBeLessThan(3_000);
    } finally {
      settings.executionDelayMs = saved;
    }
    // The tenant looking at its own account's statements.
    const client = new RedshiftDataClient({
      endpoint: stack.cloud.url,
      region: "us-east-1",
      credentials: DEMO.accountCredentials,
    });
    try {
      const { Statements = [] } = await client.send(
        new ListStatementsCommand({ StatementName: STATEMENT_NAME, Status: "ALL" }),
      );
      const cancelled = Statements.find((statement) => statement.QueryString?.includes(marker));
      expect(cancelled?.Status).toBe("ABORTED");
    } finally {
      client.destroy();
    }
  });

  it("reads results over several GetStatementResult pages", async () => {
    const settings = stack.cloud.settings.redshiftData;
    const saved = settings.pageMaxBytes;
    const expected = await referenceRows(stack.demo.connectionString, "SELECT * FROM products ORDER BY id");
    const catalog = await connector.listTables();
    settings.pageMaxBytes = 300; // about one product per page, a few catalog rows per page
    try {
      await withConnector(dataApi(), async (fresh) => {
        expect(await fresh.listTables()).toEqual(catalog);
        expect((await fresh.preview({ schema: "public", name: "products" }, { limit: 200 })).rows).toEqual(
          expected,
        );
      });
    } finally {
      settings.pageMaxBytes = saved;
    }
  });

  it("retries while too many statements are active, then reports `throttled`", async () => {
    const busy = {
      type: "ActiveStatementsExceededException",
      message: "Active statements exceeded the allowed quota.",
      status: 400,
    };
    stack.cloud.faults.add({
      service: "redshift-data",
      operation: "ExecuteStatement",
      times: 2,
      error: busy,
    });
    expect((await connector.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    stack.cloud.faults.add({ service: "redshift-data", times: 100, error: FAULT_PRESETS.throttling });
    const failure = await failureOf(connector.query("SELECT 1 AS one", [], { timeoutMs: 2_000 }));
    expect(failure.code).toBe("throttled");
    expect(failure.retryable).toBe(true);
  });

  it("reports a dropped connection as `network` and a slow service as `timeout`", async () => {
    stack.cloud.faults.add({ service: "redshift-data", drop: true, times: 1 });
    const dropped = await failureOf(connector.query("SELECT 1 AS one"));
    expect(dropped.code).toBe("network");
    expect(dropped.retryable).toBe(true);

    stack.cloud.faults.add({ service: "redshift-data", delayMs: 2_000 });
    const started = performance.now();
    expect((await failureOf(connector.query("SELECT 1 AS one", [], { timeoutMs: 400 }))).code).toBe(
      "timeout",
    );
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("names an unknown cluster or workgroup", async () => {
    const cluster = await failureOf(
      withConnector(dataApi({ clusterIdentifier: "no-such-cluster" }), (c) => c.test()),
    );
    expect(cluster.code).toBe("not_found");
    expect(cluster.message).toContain("no-such-cluster");
    const workgroup = await failureOf(
      withConnector(
        {
          provider: "redshift",
          workgroupName: "no-such-workgroup",
          secretArn: stack.demo.redshift.secretArn,
          database: stack.demo.redshift.database,
          roleArn: stack.demo.redshift.roleArn,
        },
        (c) => c.test(),
      ),
    );
    expect(workgroup.code).toBe("not_found");
    expect(workgroup.message).toContain("no-such-workgroup");
  });

  it("reports a missing secret as not_found and a malformed one as auth, never quoting its value", async () => {
    const missing = stack.demo.redshift.secretArn.replace(/secret:.*/, "secret:no-such-secret-AbCdEf");
    expect((await failureOf(withConnector(dataApi({ secretArn: missing }), (c) => c.test()))).code).toBe(
      "not_found",
    );
    const secret = stack.cloud.secrets.create(
      { name: `redshift-test/malformed-${suffix}`, versions: [], tags: [] },
      DEMO.region,
      DEMO.accountId,
    );
    stack.cloud.secrets.addVersion(secret, { secretString: `{"username": "", "password": "${password()}"}` });
    const failure = await failureOf(withConnector(dataApi({ secretArn: secret.arn }), (c) => c.test()));
    expect(failure.code).toBe("auth");
    expect(JSON.stringify(failure.toJSON?.())).not.toContain(password());
    expect(failure.message).not.toContain(password());
  });

  it.runIf(onServer)("reports a missing privilege as `permission`", async () => {
    const role = `redshift_writer_${suffix}`;
    // INSERT without SELECT: the table is in the user's catalog, but reading it is refused.
    await runSql(
      stack.demo.connectionString,
      `CREATE ROLE ${role} LOGIN`,
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT INSERT ON public.customers TO ${role}`,
    );
    try {
      const config: RedshiftConfig = {
        provider: "redshift",
        clusterIdentifier: stack.demo.redshift.clusterIdentifier,
        dbUser: role,
        database: stack.demo.redshift.database,
        roleArn: stack.demo.redshift.roleArn,
      };
      await withConnector(config, async (writer) => {
        const failure = await failureOf(writer.preview({ schema: "public", name: "customers" }));
        expect(failure.code).toBe("permission");
        expect(failure.message).toMatch(/permission denied/);
      });
    } finally {
      await runSql(stack.demo.connectionString, `DROP OWNED BY ${role}`, `DROP ROLE ${role}`);
    }
  });
});

describe("the catalog over pg_catalog", () => {
  it("is the Postgres dialect's catalog of the same database, table by table", async () => {
    // Two independent queries (the Postgres dialect's json aggregation, this dialect's flat rows)
    // must describe the demo database identically: names, kinds, columns and their types, keys,
    // comments and estimates.
    const postgres = createPostgresConnector(
      { provider: "postgres", connectionString: stack.demo.connectionString },
      { network: "private_networks" },
    );
    try {
      const expected = (await postgres.listTables()).tables;
      for (const mode of MODES) {
        const actual = await withConnector(mode.config(), (c) => c.listTables());
        expect(actual.tables, mode.name).toEqual(expected);
      }
    } finally {
      await postgres.close();
    }
  });
});

describe("2,000 tables", () => {
  it("lists them all, with keys, through the Data API", async () => {
    await createWideSchema(stack.demo.connectionString, 2000);
    try {
      const { tables } = await withConnector(dataApi(), (c) => c.listTables({ timeoutMs: 120_000 }));
      const wide = tables.filter((t) => t.schema === "wide");
      expect(wide).toHaveLength(2000);
      expect(
        wide.every(
          (t) =>
            t.primaryKey.join() === "id" &&
            t.columns.map((c) => c.type).join() === "bigint,text,decimal,timestamptz",
        ),
      ).toBe(true);
    } finally {
      await dropWideSchema(stack.demo.connectionString, 2000);
    }
  }, 180_000);
});
