/**
 * `pnpm bench abuse-limits`: what the abuse limits add to `public/messages:send` (issue 15 target: ≤ 2 ms
 * p95). `messages:send` consumes two token buckets — the client's and the organization's ceiling — so
 * the cases run, on the engine local-convex uses, an empty transaction and a transaction with exactly
 * those two checks (for many clients of one organization, as a busy widget would), in the same run.
 */
import { defineSuite, type LatencyCase } from "@answerbase/bench";
import type { ClientKey } from "../convex/contacts/clientKeys.ts";
import { enforceRateLimit } from "../convex/lib/rateLimits.ts";
import type { Id } from "../convex/_generated/dataModel";
import { startBackend, type Backend } from "../test/support/backend.ts";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";

interface Context {
  t: Backend;
  calls: number;
}

const ITERATIONS = 2_000;

function latency(name: string, run: (c: Context) => Promise<void>, target?: number): LatencyCase<Context> {
  return {
    kind: "latency",
    name,
    iterations: ITERATIONS,
    warmup: 100,
    ...(target === undefined ? {} : { target: { p95Ms: target } }),
    run,
  };
}

export default defineSuite<Context>({
  name: "abuse-limits",
  description: "the per-client and per-organization checks messages:send makes, against an empty transaction",
  async setup() {
    Object.assign(process.env, await generateDeploymentSecrets(), {
      ANSWERBASE_SECRET_STORE: "encrypted_table",
    });
    const t = await startBackend();
    return { t, calls: 0 };
  },
  cases: [
    latency("empty transaction (baseline)", async (c) => {
      await c.t.run(() => Promise.resolve());
    }),
    latency(
      "client + organization checks (what messages:send adds)",
      async (c) => {
        // A new client each call, 20 organizations in turn, so no bucket runs dry: every check takes the
        // accepting path, as for a busy widget below its ceilings.
        const call = (c.calls += 1);
        const client = `client:bench-${call}` as ClientKey;
        const organization = `bench-organization-${call % 20}` as Id<"organizations">;
        await c.t.run(async (ctx) => {
          await enforceRateLimit(ctx, "contactMessage", client);
          await enforceRateLimit(ctx, "organizationMessages", organization);
        });
      },
      2,
    ),
  ],
});
