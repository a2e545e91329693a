// Ingestion under Convex's per-function limits (local-convex enforces them): a table whose batches are
// large enough that one query per batch, or one write per batch, would cross a limit on a deployment.
import pg from "pg";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import {
  createUser,
  demoConfigs,
  deploymentEnv,
  grantPrivateNetworks,
  startBackend,
  type Backend,
} from "./support/backend.ts";

/** More rows than one query may read index ranges (4,096): one batch of them, INGESTION_BATCH_ROWS=5000. */
const NOTES = 4500;
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  const client = new pg.Client({ connectionString: cloud.postgres.url });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE public.store_notes (id integer PRIMARY KEY, title text NOT NULL, body text NOT NULL);
       INSERT INTO public.store_notes SELECT n, 'Note ' || n, 'Opening hours changed at store ' || n
         FROM generate_series(1, ${NOTES}) AS n;`,
    );
  } finally {
    await client.end();
  }
});
afterAll(() => cloud?.stop());

async function settle(t: Backend, jobId: Id<"ingestionJobs">) {
  for (let i = 0; i < 3000; i++) {
    const job = (await t.run((ctx) => ctx.db.get(jobId)))!;
    if (!["running", "queued"].includes(job.status.kind)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("ingestion did not settle");
}

describe("ingestion batches within Convex's limits", () => {
  it(
    "a 5,000-row batch is compared and written in transactions a deployment accepts",
    { timeout: 600_000 },
    async () => {
      Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), {
        EMBEDDING_MODEL: "test",
        INGESTION_BATCH_ROWS: "5000",
      });
      const t = await startBackend();
      const owner = await createUser(t, "owner@big.test");
      const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Big Shop" });
      await grantPrivateNetworks(t, organizationId);
      await owner.as.action(api.private.dataSourceActions.save, {
        organizationId,
        config: demoConfigs(cloud).neon!,
      });
      await owner.as.mutation(api.private.dataSources.setPolicy, {
        organizationId,
        schema: "public",
        table: "store_notes",
        policy: { kind: "public" },
      });
      await t.finishInProgressScheduledFunctions();

      const first = await settle(
        t,
        await t.mutation(internal.system.ingestionJobs.start, { organizationId }),
      );
      expect(first.status).toEqual({ kind: "done" });
      expect(first.tables).toEqual([
        expect.objectContaining({ table: "store_notes", rowsRead: NOTES, rowsEmbedded: NOTES, errors: 0 }),
      ]);

      // Unchanged: the whole table compared again, nothing embedded or written.
      const again = await settle(
        t,
        await t.mutation(internal.system.ingestionJobs.start, { organizationId }),
      );
      expect(again.status).toEqual({ kind: "done" });
      expect(again.tables).toEqual([
        expect.objectContaining({ table: "store_notes", rowsUnchanged: NOTES, rowsEmbedded: 0, errors: 0 }),
      ]);

      // A row deleted upstream: the count no longer matches, so the table is swept and its 4,499
      // unchanged rows are marked as seen in one batch. Each mark is a patch, which reads its
      // document: an index range on a deployment, more than one mutation may read.
      const client = new pg.Client({ connectionString: cloud.postgres.url });
      await client.connect();
      await client.query("DELETE FROM public.store_notes WHERE id = 1").finally(() => client.end());
      const swept = await settle(
        t,
        await t.mutation(internal.system.ingestionJobs.start, { organizationId }),
      );
      expect(swept.status).toEqual({ kind: "done" });
      expect(swept.tables).toEqual([
        expect.objectContaining({ table: "store_notes", rowsRemoved: 1, rowsEmbedded: 0, errors: 0 }),
      ]);
    },
  );
});
