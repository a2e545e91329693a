/**
 * `pnpm bench api-overhead`: what `POST /v1/lookups` adds over the internal lookup action it runs
 * (issue 17 target: ≤ 20 ms p95). Both go over HTTP to a real local-convex deployment with the demo
 * seed: the baseline is `system/answers:lookup` through the admin API (`/api/action`), the API call is
 * the site's `/v1/lookups` with a key (key check and rate limit, the viewer query, the same action,
 * the audit entry). The two are interleaved, call for call, on the same question, so load on the
 * machine falls on both alike; the overhead is the difference of their percentiles, and the percentiles
 * of the per-pair differences.
 */
import { percentile, defineSuite } from "@answerbase/bench";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { startTestDeployment, type TestDeployment } from "@answerbase/local-convex/testing";
import { api } from "../convex/_generated/api.js";
import { CONVEX_DIR, deploymentEnv, demoConfigs } from "../test/support/backend.ts";

interface Context {
  cloud: TestCloud;
  deployment: TestDeployment;
  organizationId: string;
  /** Several keys in turn: one key's rate limit (120 burst, 10/s) would otherwise cap the run. */
  keys: string[];
}

const ITERATIONS = 300;
const WARMUP = 20;
const QUESTION = "is SKU-789 in stock?";
const DEMO = { email: "demo@answerbase.test", password: "answerbase-demo" };

async function admin(context: Context, kind: "action" | "mutation", path: string, args: unknown) {
  const response = await fetch(`${context.deployment.url}/api/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Convex ${context.deployment.adminKey}` },
    body: JSON.stringify({ path, args, format: "json" }),
  });
  const body = (await response.json()) as { status: string; value?: unknown; errorMessage?: string };
  if (body.status !== "success") throw new Error(`${path}: ${body.errorMessage ?? response.status}`);
  return body.value;
}

async function internalLookup(context: Context) {
  await admin(context, "action", "system/answers:lookup", {
    organizationId: context.organizationId,
    question: QUESTION,
    viewer: { kind: "contact", verifiedOwnerKey: null },
  });
}

async function apiLookup(context: Context, call: number) {
  const response = await fetch(`${context.deployment.siteUrl}/v1/lookups`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${context.keys[call % context.keys.length]}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ question: QUESTION }),
  });
  if (response.status !== 200)
    throw new Error(`/v1/lookups answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export default defineSuite<Context>({
  name: "api-overhead",
  description: "POST /v1/lookups against the internal lookup action it runs, same question, interleaved",
  async setup() {
    const cloud = await startTestCloud();
    const { CONVEX_SITE_URL: _, ...env } = await deploymentEnv(cloud, "encrypted_table");
    const deployment = await startTestDeployment({
      convexDir: CONVEX_DIR,
      env: { ...env, EMBEDDING_MODEL: "test" },
    });
    const context: Context = { cloud, deployment, organizationId: "", keys: [] };
    const seeded = (await admin(context, "action", "system/demo:seed", {
      ...DEMO,
      name: "Demo",
      organizationName: "Brightside Goods (demo)",
      dataSource: demoConfigs(cloud).neon,
    })) as { organizationId: string };
    context.organizationId = seeded.organizationId;
    const http = deployment.http();
    const { tokens } = (await http.action(api.auth.signIn, {
      provider: "password",
      params: { ...DEMO, flow: "signIn" },
    })) as { tokens: { token: string } };
    http.setAuth(tokens.token);
    for (let i = 0; i < 8; i++) {
      const { secret } = await http.mutation(api.private.apiKeys.create, {
        organizationId: seeded.organizationId as never,
        name: `bench ${i}`,
        scopes: ["lookups"],
      });
      context.keys.push(secret);
    }
    return context;
  },
  async teardown(context) {
    await context.deployment.stop();
    await context.cloud.stop();
  },
  cases: [
    {
      kind: "custom",
      name: `/v1/lookups vs system/answers:lookup (${ITERATIONS} each, interleaved)`,
      async measure(context) {
        for (let i = 0; i < WARMUP; i++) {
          await internalLookup(context);
          await apiLookup(context, i);
        }
        const internal: number[] = [];
        const viaApi: number[] = [];
        for (let i = 0; i < ITERATIONS; i++) {
          internal.push(await timed(() => internalLookup(context)));
          viaApi.push(await timed(() => apiLookup(context, i)));
        }
        // Each API call against the internal call just before it: the differences' percentiles are
        // less swayed by load spikes than the difference of two percentiles.
        const paired = viaApi.map((ms, i) => ms - internal[i]!).sort((a, b) => a - b);
        internal.sort((a, b) => a - b);
        viaApi.sort((a, b) => a - b);
        const p = (values: number[], q: number) => round(percentile(values, q));
        return {
          internalP50Ms: p(internal, 50),
          internalP95Ms: p(internal, 95),
          apiP50Ms: p(viaApi, 50),
          apiP95Ms: p(viaApi, 95),
          overheadP50Ms: round(p(viaApi, 50) - p(internal, 50)),
          overheadP95Ms: round(p(viaApi, 95) - p(internal, 95)),
          pairedOverheadP50Ms: p(paired, 50),
          pairedOverheadP95Ms: p(paired, 95),
          targetOverheadP95Ms: 20,
        };
      },
    },
  ],
});
