import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { LocalCloudEnv } from "../src/env.ts";
import { startLocalStack } from "../src/local-stack.ts";
import { StartupError } from "../src/startup-error.ts";

const stateDir = mkdtempSync(path.join(tmpdir(), "local-stack-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const env = (overrides: Partial<LocalCloudEnv> = {}): LocalCloudEnv => ({
  ANSWERBASE_STATE_DIR: stateDir,
  LOCAL_CLOUD_HOST: "127.0.0.1",
  LOCAL_CLOUD_PORT: 0,
  EMBEDDED_POSTGRES_PORT: 0,
  DEMO_CRM_PORT: 0,
  ...overrides,
});

describe("the stack of `pnpm dev` (startLocalStack)", () => {
  it("seeds the embedded database once and keeps the demo secret across restarts", async () => {
    const first = await startLocalStack(env());
    expect(first.embedded?.seeded).toBe(true);
    // Seeded with statistics: the catalog's estimated row counts are there from the first start.
    const client = new pg.Client({ connectionString: first.embedded!.url });
    await client.connect();
    const { rows } = await client.query<{ reltuples: number }>(
      "SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = 'public.customers'::regclass",
    );
    await client.end();
    expect(rows[0]?.reltuples).toBe(8);
    const secretArn = first.demo.aurora.secretArn;
    await first.stop();
    expect(existsSync(path.join(stateDir, "local-cloud", "secrets.json"))).toBe(true);

    const second = await startLocalStack(env());
    try {
      expect(second.embedded?.seeded).toBe(false);
      expect(second.demo.aurora.secretArn).toBe(secretArn);
      const health = await fetch(`${second.cloud.url}/health`);
      expect(health.ok).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it("a busy port is a one-line StartupError naming the variable, and the database is released", async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const error = await startLocalStack(env({ LOCAL_CLOUD_PORT: port })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toBe(
        `Port ${port} is already in use (is another \`pnpm dev\` running?). Stop it or set LOCAL_CLOUD_PORT.`,
      );
    } finally {
      blocker.close();
    }
    // The embedded database was stopped on the way out, so its folder opens again.
    const again = await startLocalStack(env());
    await again.stop();
  });
});
