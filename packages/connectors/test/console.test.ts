/**
 * The SQL console's calls (`runConsole`, `exportConsole`, `cancelConsole`) on every connector and mode, through the
 * local cloud. Expected values are written by hand.
 */
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector, type Connector, type ConnectorError, type JsonValue } from "../src/index.ts";
import { CONNECTOR_CASES } from "./support/connector-cases.ts";

let stack: TestCloud;

const SLOW_SQL = `SELECT count(*) FROM ${Array.from({ length: 8 }, (_, i) => `console_numbers t${i}`).join(", ")}`;

beforeAll(async () => {
  stack = await startTestCloud();
  const client = new pg.Client({ connectionString: stack.postgres.url });
  await client.connect();
  await client.query(
    "CREATE TABLE public.console_numbers (n integer PRIMARY KEY); INSERT INTO public.console_numbers SELECT g FROM generate_series(1, 25) AS g",
  );
  await client.end();
});

afterAll(async () => {
  await stack?.stop();
});

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    return error as ConnectorError;
  }
  throw new Error("expected the call to fail");
}

for (const connectorCase of CONNECTOR_CASES) {
  describe(connectorCase.name, () => {
    let connector: Connector;
    beforeAll(() => {
      connector = createConnector(connectorCase.config(stack), connectorCase.environment(stack));
    });
    afterAll(async () => {
      await connector?.close();
    });

    it("pages a statement with LIMIT/OFFSET and says when more rows follow", async () => {
      const sql = "SELECT n FROM console_numbers WHERE n > $1 ORDER BY n;";
      const first = await connector.runConsole(sql, [5], { pageSize: 10, tag: "t-page" });
      expect(first.columns.map((c) => c.name)).toEqual(["n"]);
      expect(first.rows).toEqual([[6], [7], [8], [9], [10], [11], [12], [13], [14], [15]]);
      expect(first.hasMore).toBe(true);
      const last = await connector.runConsole(sql, [5], { pageSize: 10, offset: 10, tag: "t-page" });
      expect(last.rows).toEqual([[16], [17], [18], [19], [20], [21], [22], [23], [24], [25]]);
      expect(last.hasMore).toBe(false);
    });

    it("keeps duplicate column names", async () => {
      const page = await connector.runConsole("SELECT 1 AS a, 2 AS a", [], { pageSize: 5, tag: "t-dup" });
      expect(page.columns.map((c) => c.name)).toEqual(["a", "a"]);
      expect(page.rows).toEqual([[1, 2]]);
    });

    it("explains instead of running", async () => {
      const plan = await connector.runConsole("SELECT n FROM console_numbers", [], {
        pageSize: 5,
        tag: "t-explain",
        explain: true,
      });
      expect(plan.columns.map((c) => c.name)).toEqual(["QUERY PLAN"]);
      expect(JSON.stringify(plan.rows)).toMatch(/Scan/);
    });

    it("refuses a write before it reaches the database", async () => {
      const error = await failure(
        connector.runConsole("DELETE FROM console_numbers", [], { pageSize: 5, tag: "t-write" }),
      );
      expect(error.code).toBe("rejected_sql");
    });

    it("reports a syntax error with its position in the admin's text", async () => {
      const error = await failure(
        connector.runConsole("SELECT n FROM console_numbers WHERE", [], { pageSize: 5, tag: "t-syntax" }),
      );
      expect(error.code).toBe("syntax");
      expect(error.sqlState).toBe("42601");
      expect(error.position).toBe(36);
    });

    it("reports the database's own error position, counted in the admin's text", async () => {
      const error = await failure(
        connector.runConsole("SELECT nope FROM console_numbers", [], { pageSize: 50, tag: "t-column" }),
      );
      expect(error.message).toMatch(/nope/);
      // The Data APIs report the message without SQLSTATE and position.
      const dataApi =
        connectorCase.name === "aurora_data_api" || connectorCase.name === "redshift (data api)";
      if (!dataApi) expect([error.sqlState, error.position]).toEqual(["42703", 8]);
    });

    it("exports every row in batches, with the columns on each batch", async () => {
      const batches: JsonValue[][][] = [];
      for await (const batch of connector.exportConsole(
        "SELECT n, n * 2 AS twice FROM console_numbers WHERE n > $1 ORDER BY n;",
        [5],
        { tag: "t-export", batchSize: 7 },
      )) {
        expect(batch.columns.map((c) => c.name)).toEqual(["n", "twice"]);
        batches.push(batch.rows);
      }
      expect(batches.map((rows) => rows.length)).toEqual([7, 7, 6]);
      expect(batches.flat()).toEqual(Array.from({ length: 20 }, (_, i) => [i + 6, (i + 6) * 2]));
    });

    it("refuses a write in an export", async () => {
      const rows = async () => {
        for await (const batch of connector.exportConsole("DELETE FROM console_numbers", [], {
          tag: "t-export-w",
        }))
          void batch;
      };
      expect((await failure(rows())).code).toBe("rejected_sql");
    });

    it("frees the connection when the reader stops early", async () => {
      // More early stops than the pool has connections: one kept (or left in its transaction) would show.
      for (let i = 0; i < 6; i++) {
        for await (const batch of connector.exportConsole("SELECT n FROM console_numbers ORDER BY n", [], {
          tag: "t-export-stop",
          batchSize: 3,
        })) {
          expect(batch.rows).toEqual([[1], [2], [3]]);
          break;
        }
      }
      const page = await connector.runConsole("SELECT count(*)::integer AS c FROM console_numbers", [], {
        pageSize: 5,
        tag: "t-after-stop",
        timeoutMs: 5_000,
      });
      expect(page.rows).toEqual([[25]]);
    });
  });
}

describe("cancel", () => {
  for (const connectorCase of CONNECTOR_CASES) {
    // In-process: a CancelRequest over the wire protocol, an aborted HTTP request on Neon.
    // The Redshift Data API: CancelStatement by the id only the running call knows.
    const cancels = connectorCase.name !== "aurora_data_api";
    it(`${connectorCase.name}: ${cancels ? "cancels a running statement" : "says it cannot cancel"}`, async () => {
      const connector = createConnector(connectorCase.config(stack), connectorCase.environment(stack));
      const other = createConnector(connectorCase.config(stack), connectorCase.environment(stack));
      try {
        if (!cancels) {
          const error = await failure(other.cancelConsole("t-cancel"));
          expect(error.code).toBe("unsupported");
          return;
        }
        const running = failure(
          connector.runConsole(SLOW_SQL, [], {
            pageSize: 5,
            tag: "t-cancel",
            timeoutMs: 15_000,
          }),
        );
        await expect.poll(() => other.cancelConsole("t-cancel"), { timeout: 10_000 }).toBe(true);
        const error = await running;
        expect([error.sqlState, error.message], String(error)).toEqual([
          "57014",
          "The statement was cancelled.",
        ]);
      } finally {
        await connector.close();
        await other.close();
      }
    });
  }
});
