/**
 * The conformance suite: the same behaviour, asserted the same way, for every connector and mode,
 * through the local cloud with the official drivers. Expected values are written by hand here, not
 * computed by the code under test.
 */
import { FAULT_PRESETS } from "@answerbase/local-cloud";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector, type Connector, type ConnectorError, type Row } from "../src/index.ts";
import { CONNECTOR_CASES } from "./support/connector-cases.ts";
import {
  CONFORMANCE_EXPECTED_ROWS,
  CONFORMANCE_TABLE_SQL,
  NEVER_ANALYZED_ROWS,
  NEVER_ANALYZED_TABLE_SQL,
} from "./support/conformance-fixture.ts";

const onRealServer = Boolean(process.env.TEST_DATABASE_URL);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return (error as ConnectorError).code ?? `not a ConnectorError: ${String(error)}`;
  }
}

async function collect(iterable: AsyncIterable<{ rows: Row[] }>): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of iterable) rows.push(...batch.rows);
  return rows;
}

let stack: TestCloud;

beforeAll(async () => {
  stack = await startTestCloud();
  const client = new pg.Client({ connectionString: stack.postgres.url });
  await client.connect();
  await client.query(CONFORMANCE_TABLE_SQL);
  await client.query(NEVER_ANALYZED_TABLE_SQL);
  // Ending the session makes the server publish its pending statistics (the inserts) at once.
  await client.end();
});

afterAll(async () => {
  await stack?.stop();
});

for (const connectorCase of CONNECTOR_CASES) {
  describe(connectorCase.name, () => {
    let connector: Connector;
    const open = () => createConnector(connectorCase.config(stack), connectorCase.environment(stack));

    beforeAll(() => {
      connector = open();
    });
    afterAll(async () => {
      stack.cloud.faults.clear();
      await connector?.close();
    });

    it("tests the connection and reports the server", async () => {
      const result = await connector.test();
      expect(result.serverVersion).toMatch(/PostgreSQL|Redshift/);
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
      expect(result.database).toBeTruthy();
    });

    it("discovers every schema, key and quirk of the demo database", async () => {
      const { tables } = await connector.listTables();
      const find = (schema: string, name: string) =>
        tables.find((t) => t.schema === schema && t.name === name);
      expect(find("public", "orders")?.primaryKey).toEqual(["id"]);
      expect(find("public", "order_items")?.primaryKey).toEqual(["order_id", "line_no"]);
      expect(find("public", "inventory_events")?.primaryKey).toEqual([]);
      expect(find("public", "StoreLocations")?.columns.map((c) => c.name)).toContain("Region Name");
      expect(find("support", "tickets")).toBeDefined();
      expect(find("public", "order_summaries")?.kind).toBe("view");
      const orderItemFks = find("public", "order_items")?.foreignKeys ?? [];
      expect(orderItemFks.map((fk) => `${fk.columns.join(",")}->${fk.references.name}`).sort()).toEqual(
        ["order_id->orders", "product_id->products"].sort(),
      );
      expect(find("public", "conformance_types")?.columns.map((c) => c.type)).toEqual([
        "integer",
        "integer",
        "bigint",
        "decimal",
        "float",
        "float",
        "boolean",
        "text",
        "text",
        "text",
        "uuid",
        "date",
        "time",
        "timestamp",
        "timestamptz",
        "interval",
        "json",
        "json",
        "bytea",
        "array",
        "array",
      ]);
    });

    it("estimates the rows of a table filled but never analyzed", async () => {
      const estimate = async () =>
        (await connector.listTables()).tables.find(
          (t) => t.schema === "public" && t.name === "never_analyzed",
        )?.estimatedRows;
      // The statistics of a finished session become visible to others within moments, not instantly.
      await expect.poll(estimate, { timeout: 5_000, interval: 250 }).toBe(NEVER_ANALYZED_ROWS);
    });

    it("returns every type identically in preview, query and stream", async () => {
      const table = { schema: "public", name: "conformance_types" };
      const page = await connector.preview(table, { limit: 10 });
      expect(page.rows).toEqual(CONFORMANCE_EXPECTED_ROWS);
      const queried = await connector.query("SELECT * FROM conformance_types ORDER BY id");
      expect(queried.rows).toEqual(CONFORMANCE_EXPECTED_ROWS);
      expect(await collect(connector.streamRows(table, { batchSize: 1 }))).toEqual(CONFORMANCE_EXPECTED_ROWS);
    });

    it("pages a table by key without gaps or duplicates, and resumes a stream from its cursor", async () => {
      const table = { schema: "public", name: "order_items" };
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await connector.preview(table, { limit: 4, cursor });
        seen.push(...page.rows.map((r) => JSON.stringify([r.order_id, r.line_no])));
        cursor = page.nextCursor;
      } while (cursor);
      const reference = await connector.query(
        "SELECT order_id, line_no FROM order_items ORDER BY order_id, line_no",
        [],
        {
          maxRows: 1000,
        },
      );
      expect(seen).toEqual(reference.rows.map((r) => JSON.stringify([r.order_id, r.line_no])));

      const batches = connector.streamRows(table, { batchSize: 5 });
      let resumeFrom: string | null = null;
      for await (const batch of batches) {
        resumeFrom = batch.cursor;
        break; // a crash after the first batch
      }
      const rest = await collect(connector.streamRows(table, { batchSize: 5, cursor: resumeFrom }));
      expect(rest).toHaveLength(seen.length - 5);
    });

    it("binds values, never splices them", async () => {
      const hostile = "' OR '1'='1'; DROP TABLE customers; --";
      const result = await connector.query("SELECT id FROM customers WHERE email = $1", [hostile]);
      expect(result.rows).toEqual([]);
      const still = await connector.query("SELECT count(*) AS n FROM customers");
      expect(Number(still.rows[0]?.n)).toBeGreaterThan(0);
    });

    it("caps rows and says so", async () => {
      const result = await connector.query("SELECT order_id FROM order_items", [], { maxRows: 3 });
      expect(result.rows).toHaveLength(3);
      expect(result.truncated).toBe(true);
    });

    it("maps the same failures to the same codes", async () => {
      expect(await codeOf(connector.preview({ schema: "public", name: "no_such_table" }))).toBe("not_found");
      expect(
        await codeOf(connector.preview({ schema: "public", name: 'orders"; DROP TABLE customers; --' })),
      ).toBe("not_found");
      expect(await codeOf(connector.preview({ schema: "public", name: "orders" }, { limit: 500 }))).toBe(
        "invalid_input",
      );
      const other = await connector.preview({ schema: "public", name: "customers" }, { limit: 1 });
      expect(
        await codeOf(connector.preview({ schema: "public", name: "orders" }, { cursor: other.nextCursor })),
      ).toBe("invalid_input");
      expect(await codeOf(connector.query("SELECT no_such_column FROM orders"))).toBe("syntax");
      expect(await codeOf(connector.query("DELETE FROM orders"))).toBe("rejected_sql");
      expect(await codeOf(connector.query("SELECT * FROM pg_shadow"))).toBe("rejected_sql");
    });

    it.runIf(connectorCase.viaCloud)(
      "reports a dropped connection as a retryable network error",
      async () => {
        stack.cloud.faults.add({ service: "*", drop: true, times: 20 });
        const error = (await connector.query("SELECT 1 AS one").catch((e: unknown) => e)) as ConnectorError;
        stack.cloud.faults.clear();
        expect(error.code).toBe("network");
        expect(error.retryable).toBe(true);
        expect((await connector.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      },
    );

    it.runIf(connectorCase.viaCloud)("gives up on a slow service at the timeout", async () => {
      stack.cloud.faults.add({ service: "*", delayMs: 3_000 });
      const started = performance.now();
      const code = await codeOf(connector.query("SELECT 1 AS one", [], { timeoutMs: 500 }));
      stack.cloud.faults.clear();
      expect(code).toBe("timeout");
      expect(performance.now() - started).toBeLessThan(2_500);
    });

    it.runIf(connectorCase.provider === "aurora_data_api")("retries while Aurora resumes", async () => {
      stack.cloud.faults.add({ service: "rds-data", times: 2, error: FAULT_PRESETS.databaseResuming });
      expect((await connector.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    });

    it.runIf(connectorCase.viaCloud && connectorCase.provider !== "neon")(
      "reports throttling as retryable",
      async () => {
        stack.cloud.faults.add({ service: "*", times: 50, error: FAULT_PRESETS.throttling });
        const error = (await connector
          .query("SELECT 1 AS one", [], { timeoutMs: 3_000 })
          .catch((e: unknown) => e)) as ConnectorError;
        stack.cloud.faults.clear();
        expect(error.code).toBe("throttled");
        expect(error.retryable).toBe(true);
      },
    );

    it.runIf(onRealServer)("cancels a query that runs past its timeout", async () => {
      const started = performance.now();
      const code = await codeOf(
        connector.query(
          "SELECT count(*) FROM order_items a, order_items b, order_items c, order_items d, order_items e, order_items f",
          [],
          { timeoutMs: 300 },
        ),
      );
      expect(code).toBe("timeout");
      expect(performance.now() - started).toBeLessThan(3_000);
    });
  });
}

describe("bad configs and unreachable databases", () => {
  it("refuses a malformed config before any network call, naming the field", () => {
    const error = (() => {
      try {
        createConnector({
          provider: "aurora_data_api",
          resourceArn: "cluster-1",
          secretArn: "x",
          database: "",
        });
      } catch (e) {
        return e as ConnectorError;
      }
    })();
    expect(error?.code).toBe("invalid_config");
    expect(error?.fields?.map((f) => f.field).sort()).toEqual([
      "database",
      "resourceArn",
      "roleArn",
      "secretArn",
    ]);
  });

  it("reports an unreachable host as a network error without leaking the password", async () => {
    const connector = createConnector(
      {
        provider: "postgres",
        connectionString: "postgresql://app:s3cr3t-pw@127.0.0.1:1/shop",
      },
      { network: "private_networks" },
    );
    const error = (await connector.test({ timeoutMs: 3_000 }).catch((e: unknown) => e)) as ConnectorError;
    await connector.close();
    expect(error.code).toBe("network");
    expect(JSON.stringify(error.toJSON())).not.toContain("s3cr3t-pw");
    expect(error.message).not.toContain("s3cr3t-pw");
  });
});
