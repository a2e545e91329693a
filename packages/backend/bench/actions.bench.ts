/**
 * `pnpm bench actions`: what a read action adds over its target's own latency (issue 18 target:
 * ≤ 15 ms p95). A real local-convex deployment with the demo seed's actions, calling the demo CRM on
 * 127.0.0.1. Each iteration runs the agent tool's path without a model (`system/actionExecutor:
 * requestNow`: the run requested and checked, claimed, the request sent through the egress policy, the
 * outcome recorded and audited), and reports, from inside that action, its total time and the target's
 * time (the fetch, body read). The overhead is their difference. The direct fetch from this process to
 * the CRM, interleaved call for call, is printed beside it as the target's latency seen from outside.
 */
import { percentile, defineSuite } from "@answerbase/bench";
import { startDemoCrm, type DemoCrm } from "@answerbase/local-cloud";
import { startTestDeployment, type TestDeployment } from "@answerbase/local-convex/testing";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";
import { CONVEX_DIR } from "../test/support/backend.ts";

interface Context {
  crm: DemoCrm;
  deployment: TestDeployment;
  actionId: string;
  conversationId: string;
}

const ITERATIONS = 200;
const WARMUP = 20;

async function admin(
  context: Pick<Context, "deployment">,
  kind: "action" | "mutation" | "query",
  path: string,
  args: unknown,
) {
  const response = await fetch(`${context.deployment.url}/api/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Convex ${context.deployment.adminKey}` },
    body: JSON.stringify({ path, args, format: "json" }),
  });
  const body = (await response.json()) as { status: string; value?: unknown; errorMessage?: string };
  if (body.status !== "success") throw new Error(`${path}: ${body.errorMessage ?? response.status}`);
  return body.value;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export default defineSuite<Context>({
  name: "actions",
  description:
    "A read action (demo CRM look-up) through the agent tool's path, against the target's own latency",
  async setup() {
    const crm = await startDemoCrm();
    const deployment = await startTestDeployment({
      convexDir: CONVEX_DIR,
      env: {
        ...(await generateDeploymentSecrets()),
        SITE_URL: "http://localhost:3000",
        ANSWERBASE_SECRET_STORE: "encrypted_table",
        EMBEDDING_MODEL: "test",
      },
    });
    const context: Context = { crm, deployment, actionId: "", conversationId: "" };
    const { organizationId } = (await admin(context, "action", "system/demo:seed", {
      email: "demo@answerbase.test",
      password: "answerbase-demo",
      name: "Demo",
      organizationName: "Brightside Goods (demo)",
      crm: { url: crm.url, apiKey: crm.apiKey },
    })) as { organizationId: string };
    const actions = (await admin(context, "query", "system/actionRuns:toolActions", { organizationId })) as {
      actionId: string;
      name: string;
    }[];
    context.actionId = actions.find((action) => action.name === "look_up_crm_record")!.actionId;
    const email = "alice@example.com";
    const { signature } = (await admin(context, "mutation", "system/widgetDemo:signDemoIdentity", {
      organizationId,
      email,
    })) as { signature: string };
    const { sessionToken } = (await admin(context, "mutation", "public/contactSessions:start", {
      organizationId,
      name: "Alice",
      email,
      signature,
    })) as { sessionToken: string };
    context.conversationId = (
      (await admin(context, "mutation", "public/conversations:start", { sessionToken })) as {
        conversationId: string;
      }
    ).conversationId;
    return context;
  },
  async teardown(context) {
    await context.deployment.stop();
    await context.crm.stop();
  },
  cases: [
    {
      kind: "custom",
      name: `read action vs its target (${ITERATIONS} calls, interleaved with direct fetches)`,
      async measure(context) {
        const runOnce = async () =>
          (await admin(context, "action", "system/actionExecutor:requestNow", {
            actionId: context.actionId,
            conversationId: context.conversationId,
            modelInput: {},
          })) as { ok: boolean; totalMs: number; targetMs: number | null };
        const direct = async () => {
          const started = performance.now();
          const response = await fetch(`${context.crm.url}/customers/alice%40example.com`, {
            headers: { authorization: `Bearer ${context.crm.apiKey}` },
          });
          await response.arrayBuffer();
          return performance.now() - started;
        };
        for (let i = 0; i < WARMUP; i++) {
          await runOnce();
          await direct();
        }
        const overhead: number[] = [];
        const target: number[] = [];
        const total: number[] = [];
        const outside: number[] = [];
        for (let i = 0; i < ITERATIONS; i++) {
          const run = await runOnce();
          if (!run.ok || run.targetMs === null) throw new Error("the read action failed");
          total.push(run.totalMs);
          target.push(run.targetMs);
          overhead.push(run.totalMs - run.targetMs);
          outside.push(await direct());
        }
        const p = (values: number[], q: number) =>
          round(
            percentile(
              [...values].sort((a, b) => a - b),
              q,
            ),
          );
        return {
          overheadP50Ms: p(overhead, 50),
          overheadP95Ms: p(overhead, 95),
          actionTotalP50Ms: p(total, 50),
          actionTotalP95Ms: p(total, 95),
          targetInActionP50Ms: p(target, 50),
          targetInActionP95Ms: p(target, 95),
          directFetchP50Ms: p(outside, 50),
          directFetchP95Ms: p(outside, 95),
          targetOverheadP95Ms: 15,
        };
      },
    },
  ],
});
