/**
 * `pnpm bench inbox`: the operators' inbox with 10,000 conversations and 100,000 messages in one
 * organization, served by local-convex and read over its WebSocket by the unmodified ConvexClient, as
 * the dashboard reads it. Seeded by `system/inboxSeed:seedConversations` in batches (admin key). Cases:
 * the first page (20, newest first), a filter switch (mine / unassigned / escalated in turn), a search
 * (customer e-mail, name, message words), and a new escalation reaching another operator's open inbox
 * (a live `list` subscription filtered to escalated). BENCH_CONVERSATIONS changes the size.
 */
import { defineSuite } from "@answerbase/bench";
import { startTestDeployment, type TestDeployment } from "@answerbase/local-convex/testing";
import type { ConvexClient, ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";
import { CONVEX_DIR } from "../test/support/backend.ts";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const MESSAGES_PER_CONVERSATION = 10;
const BATCH = 50;
const PAGE = { numItems: 20, cursor: null };
const ESCALATIONS = 30;

interface Operator {
  /** Live queries (the WebSocket). */
  client: ConvexClient;
  /** One-shot reads: every call runs on the server (a WebSocket client answers repeats from its cache). */
  http: ConvexHttpClient;
  userId: Id<"users">;
}

interface Context {
  deployment: TestDeployment;
  organizationId: Id<"organizations">;
  ada: Operator;
  bo: Operator;
  seedMs: number;
  filterTurn: number;
  searchTurn: number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function signUp(deployment: TestDeployment, email: string): Promise<Operator> {
  const http = deployment.http();
  const { tokens } = (await http.action(api.auth.signIn, {
    provider: "password",
    params: { email, password: "correct horse battery", flow: "signUp" },
  })) as { tokens: { token: string } };
  http.setAuth(tokens.token);
  const client = deployment.client();
  client.setAuth(() => Promise.resolve(tokens.token));
  const subject = JSON.parse(Buffer.from(tokens.token.split(".")[1]!, "base64url").toString()) as {
    sub: string;
  };
  return { client, http, userId: subject.sub.split("|")[0] as Id<"users"> };
}

async function admin(deployment: TestDeployment, path: string, args: Record<string, unknown>) {
  const response = await fetch(`${deployment.url}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Convex ${deployment.adminKey}` },
    body: JSON.stringify({ path, args, format: "json" }),
  });
  const body = (await response.json()) as { status: string; errorMessage?: string; value?: unknown };
  if (body.status !== "success") throw new Error(`${path}: ${body.errorMessage ?? response.status}`);
  return body.value;
}

const SEARCHES = [`customer${CONVERSATIONS - 7}@example.com`, "Hana Tanaka", "damaged parcel", "order 1001"];
const FILTERS = [
  { assignee: "mine" as const },
  { assignee: "unassigned" as const },
  { status: "escalated" as const },
];

export default defineSuite<Context>({
  name: "inbox",
  description: `The inbox with ${CONVERSATIONS.toLocaleString("en-US")} conversations and ${(CONVERSATIONS * MESSAGES_PER_CONVERSATION).toLocaleString("en-US")} messages, over local-convex's WebSocket`,
  async setup() {
    const deployment = await startTestDeployment({
      convexDir: CONVEX_DIR,
      env: await generateDeploymentSecrets(),
    });
    const ada = await signUp(deployment, "ada@bench.test");
    const bo = await signUp(deployment, "bo@bench.test");
    const organizationId = await ada.client.mutation(api.private.organizations.create, { name: "Bench" });
    const { token } = await ada.client.mutation(api.private.invitations.create, {
      organizationId,
      role: "member",
    });
    await bo.client.mutation(api.private.invitations.accept, { token });
    const started = performance.now();
    for (let from = 0; from < CONVERSATIONS; from += BATCH) {
      await admin(deployment, "system/inboxSeed:seedConversations", {
        organizationId,
        assignees: [ada.userId, bo.userId],
        from,
        count: Math.min(BATCH, CONVERSATIONS - from),
        messagesPerConversation: MESSAGES_PER_CONVERSATION,
        startAt: Date.now() - CONVERSATIONS * 1000,
      });
    }
    return {
      deployment,
      organizationId,
      ada,
      bo,
      seedMs: performance.now() - started,
      filterTurn: 0,
      searchTurn: 0,
    };
  },
  teardown: (c) => c.deployment.stop(),
  cases: [
    {
      kind: "custom",
      name: "seed",
      measure: (c) =>
        Promise.resolve({
          conversations: CONVERSATIONS,
          messages: CONVERSATIONS * MESSAGES_PER_CONVERSATION,
          seconds: round(c.seedMs / 1000),
        }),
    },
    {
      kind: "latency",
      name: "first page (20 newest)",
      iterations: 200,
      target: { p95Ms: 300 },
      run: async (c) => {
        await c.ada.http.query(api.private.conversations.list, {
          organizationId: c.organizationId,
          paginationOpts: PAGE,
        });
      },
    },
    {
      kind: "latency",
      name: "filter switch (mine / unassigned / escalated)",
      iterations: 300,
      target: { p95Ms: 300 },
      run: async (c) => {
        const filter = FILTERS[c.filterTurn++ % FILTERS.length]!;
        await c.ada.http.query(api.private.conversations.list, {
          organizationId: c.organizationId,
          paginationOpts: PAGE,
          ...filter,
        });
      },
    },
    {
      kind: "latency",
      name: "search (e-mail, name, message words)",
      iterations: 200,
      target: { p95Ms: 300 },
      run: async (c) => {
        const query = SEARCHES[c.searchTurn++ % SEARCHES.length]!;
        const found = await c.ada.http.query(api.private.conversations.search, {
          organizationId: c.organizationId,
          query,
        });
        if (found.length === 0) throw new Error(`nothing found for "${query}"`);
      },
    },
    {
      kind: "custom",
      name: "new escalation -> other operator's open inbox (live)",
      async measure(c) {
        // Bo's inbox, open on "Escalated": the newest escalated conversation first.
        let top: string | undefined;
        const unsubscribe = c.bo.client.onUpdate(
          api.private.conversations.list,
          { organizationId: c.organizationId, status: "escalated", paginationOpts: PAGE },
          (result) => (top = result.page[0]?._id),
        );
        while (top === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
        const widget = c.deployment.client();
        const { sessionToken } = await widget.mutation(api.public.contactSessions.start, {
          organizationId: c.organizationId,
          name: "Live Customer",
          email: "live@example.com",
        });
        const samples: number[] = [];
        for (let i = 0; i < ESCALATIONS; i++) {
          const { conversationId } = await widget.mutation(api.public.conversations.start, { sessionToken });
          const started = performance.now();
          await widget.mutation(api.public.conversations.escalate, { sessionToken, conversationId });
          while (top !== conversationId) await new Promise((resolve) => setImmediate(resolve));
          samples.push(performance.now() - started);
        }
        unsubscribe();
        samples.sort((a, b) => a - b);
        return {
          escalations: samples.length,
          p50Ms: round(percentile(samples, 50)),
          p95Ms: round(percentile(samples, 95)),
          maxMs: round(samples.at(-1) ?? 0),
          targetMs: 1000,
        };
      },
    },
  ],
});
