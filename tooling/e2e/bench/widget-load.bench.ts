import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineSuite } from "@answerbase/bench";
import { callFunction } from "@answerbase/local-convex";
import { addDocument, FAQ, startStack, type Stack } from "../src/stack.ts";

/*
 * The widget path under load (issue 23): on the `pnpm dev` stack (local-convex, the demo shop's Neon
 * database, the offline models `pnpm dev` uses, the returns FAQ in the knowledge base), CONTACTS
 * verified demo customers each send QUESTIONS questions at once, as the widget does
 * (`public/messages:send` over HTTP). A question's time runs from its `messages:send` call to its reply
 * being saved, seen through a live query of the conversation's answers (`public/messages:sources`, one
 * WebSocket subscription per conversation, pushed when the answer commits: no polling). Target: every
 * question answered, p95 ≤ 3 s. Measured once the demo's ingestion is done, after one untimed contact.
 * The server's CPU time per question (all threads, and its main thread alone) is given too: the replies
 * share that one main thread, so they all finish at about the same time, total work / CPU available.
 *
 *   pnpm bench widget-load
 *   OFFLINE_EMBEDDING_WORKERS=0 pnpm bench widget-load   the embedder on local-convex's own thread
 */
const CONTACTS = Number(process.env.BENCH_WIDGET_CONTACTS ?? 50);
const QUESTIONS = ["Where is my latest order?", "How long do refunds take?"];
const ANSWER_TIMEOUT_MS = 60_000;
/** The demo database's customers (database-schema.sql); contacts cycle through them. */
const CUSTOMERS = ["alice", "bob", "chloe", "hanako", "jose", "lukasz", "priya", "zoe"].map(
  (name) => `${name}@example.com`,
);

/*
 * The WebSocket client is Convex's own (`convex/browser`, as the widget uses it) over `ws` (Node 20 has
 * no WebSocket global). Both are local-convex's dependencies, so they are loaded from there rather
 * than added to this package.
 */
interface SyncClient {
  onUpdate(
    query: unknown,
    args: Record<string, unknown>,
    callback: (result: unknown) => void,
    onError?: (error: Error) => void,
  ): () => void;
  close(): Promise<void>;
}
const fromLocalConvex = createRequire(fileURLToPath(import.meta.resolve("@answerbase/local-convex")));
const { ConvexClient } = fromLocalConvex("convex/browser") as {
  ConvexClient: new (url: string, options: { webSocketConstructor: unknown }) => SyncClient;
};
const convexServer = fromLocalConvex("convex/server") as { makeFunctionReference(name: string): unknown };
const sourcesQuery = convexServer.makeFunctionReference("public/messages:sources");

interface Context {
  stack: Stack;
  client: SyncClient;
}

interface Contact {
  sessionToken: string;
  conversationId: string;
}

interface Answer {
  ms: number;
  outcome: string;
}

/** A public mutation over Convex's HTTP API, as the widget's ConvexHttpClient calls it. */
async function mutation<T>(stack: Stack, path: string, args: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${stack.dev.convex.url}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path, args, format: "json" }),
  });
  const body = (await response.json()) as { status: string; value?: T; errorMessage?: string };
  if (body.status !== "success") throw new Error(`${path}: ${body.errorMessage ?? response.status}`);
  return body.value as T;
}

/** A verified widget session (signed as the demo shop's server signs it) with an open conversation. */
async function openContact(stack: Stack, index: number): Promise<Contact> {
  const organizationId = stack.dev.seed.organizationId;
  const email = CUSTOMERS[index % CUSTOMERS.length]!;
  const { signature } = (await callFunction(stack.dev.convex.target, "system/widgetDemo:signDemoIdentity", {
    organizationId,
    email,
  })) as { signature: string };
  // As the widget does: a client token from POST /widget/clients first, so the session start is
  // counted per client under the organization's ceiling, not in the small bucket of tokenless callers.
  const minted = await fetch(`${stack.dev.convex.siteUrl}/widget/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ organizationId }),
  });
  if (!minted.ok) throw new Error(`POST /widget/clients: ${minted.status} ${await minted.text()}`);
  const { clientToken } = (await minted.json()) as { clientToken: string };
  const { sessionToken } = await mutation<{ sessionToken: string }>(stack, "public/contactSessions:start", {
    organizationId,
    name: `Load ${index}`,
    email,
    signature,
    clientToken,
  });
  const { conversationId } = await mutation<{ conversationId: string }>(stack, "public/conversations:start", {
    sessionToken,
  });
  return { sessionToken, conversationId };
}

type AnswerSources = { promptMessageId: string | null; outcome: string }[];

/**
 * Sends the contact's questions at once and resolves with each one's time to its saved answer. The
 * subscription is open before the first send, so no answer can be missed.
 */
async function askAll(context: Context, contact: Contact, questions: string[]): Promise<Answer[]> {
  const waiting = new Map<string, (outcome: string) => void>();
  const seen = new Map<string, string>();
  const args = { sessionToken: contact.sessionToken, conversationId: contact.conversationId };
  const unsubscribe = context.client.onUpdate(sourcesQuery, args, (result) => {
    for (const { promptMessageId, outcome } of result as AnswerSources) {
      if (promptMessageId === null) continue;
      seen.set(promptMessageId, outcome);
      waiting.get(promptMessageId)?.(outcome);
    }
  });
  try {
    return await Promise.all(
      questions.map(async (text) => {
        const started = performance.now();
        const { messageId } = await mutation<{ messageId: string }>(context.stack, "public/messages:send", {
          ...args,
          text,
        });
        const outcome = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)),
            ANSWER_TIMEOUT_MS,
          );
          const done = (value: string) => {
            clearTimeout(timer);
            resolve(value);
          };
          const already = seen.get(messageId);
          if (already === undefined) waiting.set(messageId, done);
          else done(already);
        });
        return { ms: performance.now() - started, outcome };
      }),
    );
  } finally {
    unsubscribe();
  }
}

/**
 * Until the demo seed's ingestion (the shop's rows into the knowledge base) is done: the bench measures
 * the widget on a settled deployment, not one still embedding thousands of rows. Every running job has
 * a heartbeat older than a time far ahead, so `stalledJobs` lists them all.
 */
async function waitForIngestion(stack: Stack): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const running = (await callFunction(stack.dev.convex.target, "system/ingestionRecords:stalledJobs", {
      olderThan: Date.now() + 86_400_000,
    })) as unknown[];
    if (running.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("The demo's ingestion is still running after 10 minutes.");
}

/*
 * CPU time of the local-convex server process (Linux /proc), the figure that does not move with the
 * machine's load: all threads (the embedding workers included) and its main thread alone, which every
 * function of the deployment shares.
 */
const CLOCK_TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** The `local-convex … serve --port <port>` process behind `url`. */
function serverPid(url: string): number {
  const port = new URL(url).port;
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // exited meanwhile
    }
    const at = args.indexOf("--port");
    if (args.includes("serve") && at > 0 && args[at + 1] === port) return Number(entry);
  }
  throw new Error(`No local-convex server process for ${url}.`);
}

/** utime + stime of a /proc stat line, in ms (the fields after the parenthesized command name). */
function statCpuMs(path: string): number {
  const fields = readFileSync(path, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

function serverCpuMs(pid: number) {
  return { all: statCpuMs(`/proc/${pid}/stat`), main: statCpuMs(`/proc/${pid}/task/${pid}/stat`) };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? NaN;
}

export default defineSuite<Context>({
  name: "widget-load",
  description: `The widget path under load: ${CONTACTS} contacts × ${QUESTIONS.length} questions at once, messages:send → saved reply, on the pnpm dev stack`,
  async setup() {
    // The FAQ is uploaded once the demo's ingestion is done: convex-test fails an upload that stores its
    // file while an ingestion step holds the lock ("Write outside of transaction").
    const stack = await startStack({ embeddingModel: "offline", knowledgeBase: false });
    const WebSocket = fromLocalConvex("ws") as unknown;
    const client = new ConvexClient(stack.dev.convex.url, { webSocketConstructor: WebSocket });
    const context = { stack, client };
    try {
      await waitForIngestion(stack);
      await addDocument(stack.dev, "returns.md", FAQ);
      // Untimed: the models load, each function runs once (a visitor never waits for that).
      await askAll(context, await openContact(stack, CONTACTS), QUESTIONS);
      return context;
    } catch (error) {
      await client.close();
      await stack.stop();
      throw error;
    }
  },
  async teardown({ stack, client }) {
    await client.close();
    await stack.stop();
  },
  cases: [
    {
      kind: "custom",
      name: `${CONTACTS} contacts × ${QUESTIONS.length} questions at once`,
      async measure(context) {
        const contacts = await Promise.all(
          Array.from({ length: CONTACTS }, (_, i) => openContact(context.stack, i)),
        );
        const pid = serverPid(context.stack.dev.convex.url);
        const cpuBefore = serverCpuMs(pid);
        const started = performance.now();
        const settled = await Promise.allSettled(contacts.map((c) => askAll(context, c, QUESTIONS)));
        const wallMs = performance.now() - started;
        const cpuAfter = serverCpuMs(pid);
        const perQuestion = (ms: number) => Math.round(ms / (CONTACTS * QUESTIONS.length));
        const answers = settled.flatMap((s) => (s.status === "fulfilled" ? s.value : []));
        const errors = settled.flatMap((s) => (s.status === "rejected" ? [String(s.reason)] : []));
        const outcomes = new Map<string, number>();
        for (const { outcome } of answers) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        const times = answers.map((a) => a.ms);
        const round = (n: number) => Math.round(n);
        return {
          questions: CONTACTS * QUESTIONS.length,
          answered: answers.length,
          p50Ms: round(percentile(times, 50)),
          p95Ms: round(percentile(times, 95)),
          maxMs: round(percentile(times, 100)),
          wallMs: round(wallMs),
          outcomes: [...outcomes].map(([outcome, n]) => `${outcome} ×${n}`).join(", "),
          errors: errors.length === 0 ? "none" : `${errors.length}: ${errors[0]}`,
          "server cpu ms/question": perQuestion(cpuAfter.all - cpuBefore.all),
          "main thread cpu ms/question": perQuestion(cpuAfter.main - cpuBefore.main),
          target: "all answered, p95 ≤ 3000",
          met: answers.length === CONTACTS * QUESTIONS.length && percentile(times, 95) <= 3000 ? "yes" : "NO",
          load: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
        };
      },
    },
  ],
});
