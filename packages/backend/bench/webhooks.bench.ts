/**
 * `pnpm bench webhooks`: outbound webhooks end to end on the engine local-convex uses, to a receiver on
 * 127.0.0.1 (the organization is granted private networks, as the tests do). 1,000 events, each through
 * `emitEvent` in its own transaction, 20 a second: none may be lost, a request received twice must carry the same
 * `webhook-id` (a retry), and event-to-receipt latency is the payload's `timestamp` (set in the emitting
 * transaction) to the receiver's clock. Then the receiver answers 503 for 60 s and 200 after: every
 * event sent meanwhile must arrive. That case uses a shortened retry schedule (WEBHOOK_RETRY_DELAYS_MS
 * below, about 2 min in all instead of about a day); the default schedule is in convex/webhooks/schedule.ts.
 */
import { defineSuite } from "@answerbase/bench";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { emitEvent } from "../convex/webhooks/events.ts";
import { generateDeploymentSecrets } from "../scripts/deployment-secrets.ts";
import { createUser, grantPrivateNetworks, startBackend, type Backend } from "../test/support/backend.ts";
import { accepted as wasAccepted, Receiver, type Received } from "../test/support/webhook-receiver.ts";

const EVENTS = 1_000;
const DOWN_MS = 60_000;
const DOWN_EVENTS = 100;
/** 20 events a second: 1,000 events over 50 s. */
const EMIT_INTERVAL_MS = 50;
const SHORT_SCHEDULE = "1000,2000,5000,10000,20000,30000,30000,30000";

interface Context {
  t: Backend;
  receiver: Receiver;
  organizationId: Id<"organizations">;
  downUntil: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * Emits `count` events (one transaction each, one every `intervalMs`; 0: as fast as the engine takes
 * them) to the endpoint at `path` and waits until each has arrived with a 2xx.
 */
async function run(
  c: Context,
  path: string,
  count: number,
  timeoutMs: number,
  intervalMs = EMIT_INTERVAL_MS,
) {
  const owner = c.t.withIdentity({
    subject: `${(await c.t.run((ctx) => ctx.db.query("users").first()))!._id}|bench`,
  });
  await owner.mutation(api.private.webhooks.create, {
    organizationId: c.organizationId,
    url: c.receiver.url(path),
    description: "bench",
    eventTypes: ["conversation.created"],
  });
  const started = Date.now();
  for (let seq = 0; seq < count; seq++) {
    // Paced: a steady stream, not one burst (local-convex runs one transaction at a time).
    const due = started + seq * intervalMs;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    await c.t.run((ctx) =>
      emitEvent(ctx, c.organizationId, "conversation.created", {
        conversationId: `bench-${path}-${seq}`,
        seq,
      }),
    );
  }
  const emittedMs = Date.now() - started;
  const accepted = () =>
    new Set(
      c.receiver
        .at(path)
        .filter(wasAccepted)
        .map((r) => (JSON.parse(r.body) as { data: { seq: number } }).data.seq),
    );
  while (accepted().size < count && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    requests: c.receiver.at(path),
    emittedMs,
    totalMs: Date.now() - started,
    accepted: accepted().size,
  };
}

/** Lost events, and duplicates that are not retries (the same event under two webhook-ids). */
function integrity(requests: Received[]) {
  const idsBySeq = new Map<number, Set<string>>();
  for (const request of requests) {
    const seq = (JSON.parse(request.body) as { data: { seq: number } }).data.seq;
    const ids = idsBySeq.get(seq) ?? new Set<string>();
    ids.add(request.headers["webhook-id"] ?? "");
    idsBySeq.set(seq, ids);
  }
  const acceptedPerSeq = new Map<number, number>();
  for (const request of requests.filter(wasAccepted)) {
    const seq = (JSON.parse(request.body) as { data: { seq: number } }).data.seq;
    acceptedPerSeq.set(seq, (acceptedPerSeq.get(seq) ?? 0) + 1);
  }
  return {
    requests: requests.length,
    "duplicates with another webhook-id": [...idsBySeq.values()].filter((ids) => ids.size > 1).length,
    "events received 2xx more than once": [...acceptedPerSeq.values()].filter((n) => n > 1).length,
  };
}

/** Lost, duplicates and event-to-receipt latency (first 2xx receipt of each event) of one run. */
function summary(result: Awaited<ReturnType<typeof run>>) {
  const firstReceipt = new Map<number, number>();
  for (const r of result.requests.filter(wasAccepted)) {
    const { data, timestamp } = JSON.parse(r.body) as { timestamp: string; data: { seq: number } };
    if (!firstReceipt.has(data.seq)) firstReceipt.set(data.seq, r.receivedAt - Date.parse(timestamp));
  }
  const latencies = [...firstReceipt.values()].sort((a, b) => a - b);
  return {
    events: EVENTS,
    received: result.accepted,
    lost: EVENTS - result.accepted,
    ...integrity(result.requests),
    "event-to-receipt p50 ms": percentile(latencies, 50),
    "event-to-receipt p95 ms": percentile(latencies, 95),
    "target p95 ms": 1_000,
    "emit s": Math.round(result.emittedMs / 100) / 10,
    "all received s": Math.round(result.totalMs / 100) / 10,
  };
}

export default defineSuite<Context>({
  name: "webhooks",
  description:
    "1,000 events to a local receiver (lost, duplicates, event-to-receipt), then a receiver down for 60 s",
  async setup() {
    Object.assign(process.env, await generateDeploymentSecrets(), {
      WEBHOOK_RETRY_DELAYS_MS: SHORT_SCHEDULE,
    });
    const context = { downUntil: 0 } as Context;
    context.receiver = new Receiver({
      "/steady": () => 200,
      "/burst": () => 200,
      "/down-then-up": () => (Date.now() < context.downUntil ? 503 : 200),
    });
    await context.receiver.start();
    context.t = await startBackend();
    const owner = await createUser(context.t, "bench@hooks.test");
    context.organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Bench" });
    await grantPrivateNetworks(context.t, context.organizationId);
    return context;
  },
  async teardown(c) {
    await c.receiver.stop();
  },
  cases: [
    {
      kind: "custom",
      name: `${EVENTS} events to a receiver answering 200`,
      async measure(c) {
        return summary(await run(c, "/steady", EVENTS, 300_000));
      },
    },
    {
      kind: "custom",
      name: `${EVENTS} events in one burst to a receiver answering 200`,
      async measure(c) {
        const result = await run(c, "/burst", EVENTS, 300_000, 0);
        return summary(result);
      },
    },
    {
      kind: "custom",
      name: `receiver down ${DOWN_MS / 1000} s then up (${DOWN_EVENTS} events, retries ${SHORT_SCHEDULE} ms)`,
      async measure(c) {
        c.downUntil = Date.now() + DOWN_MS;
        const result = await run(c, "/down-then-up", DOWN_EVENTS, DOWN_MS + 180_000);
        return {
          events: DOWN_EVENTS,
          received: result.accepted,
          lost: DOWN_EVENTS - result.accepted,
          ...integrity(result.requests),
          "503 answers": result.requests.filter((r) => !wasAccepted(r)).length,
          "all received s after up": Math.round((Date.now() - c.downUntil) / 100) / 10,
        };
      },
    },
  ],
});
