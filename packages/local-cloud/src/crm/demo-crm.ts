import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { loadCrmState, saveCrmState, type CrmState } from "./crm-store.ts";

/**
 * A small CRM for the demo organization's agent actions, so the whole flow runs offline:
 * `GET /customers/:email`, `GET /refunds?email=`, `POST /refunds`, `GET /tasks?email=`, `POST /tasks`,
 * all behind `Authorization: Bearer <api key>`; a POST with `Idempotency-Key` creates at most once.
 * Local-only routes: `GET /__requests` (the request log, newest last, bodies included, the
 * Authorization header never) and `POST /__faults` (`{"status"?, "delayMs"?, "count"?}`: the next
 * `count` API requests answer `status` and/or wait `delayMs` first) for tests of failures.
 */
export interface DemoCrm {
  url: string;
  apiKey: string;
  /** What the CRM holds now (tests and the e2e read it). */
  state: CrmState;
  requests: LoggedRequest[];
  stop(): Promise<void>;
}

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  status: number;
  authorized: boolean;
  idempotencyKey: string | null;
  body: unknown;
}

export interface DemoCrmOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where records and the API key persist; omitted = in memory. */
  stateFile?: string;
  /** A fixed API key (tests); default: the saved one, or a fresh random one. */
  apiKey?: string;
}

interface Fault {
  status?: number;
  delayMs?: number;
  count: number;
}

type Reply = { status: number; body: unknown };

const MAX_BODY_BYTES = 64 * 1024;
const MAX_LOG = 500;

export async function startDemoCrm(options: DemoCrmOptions = {}): Promise<DemoCrm> {
  const state = loadCrmState(options.stateFile, options.apiKey);
  if (options.apiKey !== undefined) state.apiKey = options.apiKey;
  saveCrmState(options.stateFile, state);
  const requests: LoggedRequest[] = [];
  let fault: Fault | null = null;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) =>
      reply(res, { status: 500, body: { error: String(error) } }),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://crm.local");
    const raw = await readBody(req);
    if (url.pathname === "/__requests") return reply(res, { status: 200, body: { requests } });
    if (url.pathname === "/__faults") {
      fault =
        req.method === "DELETE"
          ? null
          : ({ count: 1, ...(JSON.parse(raw || "{}") as Partial<Fault>) } as Fault);
      return reply(res, { status: 200, body: { fault } });
    }
    if (url.pathname === "/health") return reply(res, { status: 200, body: { ok: true } });
    const authorized = req.headers.authorization === `Bearer ${state.apiKey}`;
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    let body: unknown = null;
    let answer: Reply;
    try {
      body = raw === "" ? null : JSON.parse(raw);
      const active = fault;
      if (active !== null) {
        active.count -= 1;
        if (active.count <= 0) fault = null;
        if (active.delayMs) await new Promise((resolve) => setTimeout(resolve, active.delayMs));
      }
      answer =
        active?.status !== undefined
          ? { status: active.status, body: { error: "Injected failure" } }
          : !authorized
            ? { status: 401, body: { error: "Missing or wrong API key" } }
            : route(req.method ?? "GET", url, body, idempotencyKey);
    } catch {
      answer = { status: 400, body: { error: "The body is not JSON" } };
    }
    requests.push({
      at: new Date().toISOString(),
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      status: answer.status,
      authorized,
      idempotencyKey,
      body,
    });
    if (requests.length > MAX_LOG) requests.shift();
    if (answer.status < 300 && req.method !== "GET") saveCrmState(options.stateFile, state);
    if (!res.destroyed) reply(res, answer);
  }

  function route(method: string, url: URL, body: unknown, idempotencyKey: string | null): Reply {
    const input = (body ?? {}) as Record<string, unknown>;
    const customerMatch = /^\/customers\/([^/]+)$/.exec(url.pathname);
    if (method === "GET" && customerMatch) {
      const email = decodeURIComponent(customerMatch[1]!).toLowerCase();
      const customer = state.customers.find((c) => c.email === email);
      return customer
        ? { status: 200, body: { customer } }
        : { status: 404, body: { error: "No such customer" } };
    }
    const email = (url.searchParams.get("email") ?? "").toLowerCase();
    if (method === "GET" && url.pathname === "/refunds")
      return { status: 200, body: { refunds: state.refunds.filter((r) => r.email === email) } };
    if (method === "GET" && url.pathname === "/tasks")
      return { status: 200, body: { tasks: state.tasks.filter((t) => t.email === email) } };
    if (method === "POST" && (url.pathname === "/refunds" || url.pathname === "/tasks")) {
      const repeated = idempotencyKey === null ? undefined : state.idempotency[idempotencyKey];
      const list: { id: string }[] = url.pathname === "/refunds" ? state.refunds : state.tasks;
      const earlier = repeated === undefined ? undefined : list.find((item) => item.id === repeated);
      if (earlier) return { status: 200, body: earlier };
      const created = url.pathname === "/refunds" ? createRefund(input) : createTask(input);
      if ("error" in created) return { status: 422, body: created };
      if (idempotencyKey !== null) state.idempotency[idempotencyKey] = created.id;
      return { status: 201, body: created };
    }
    return { status: 404, body: { error: `No route ${method} ${url.pathname}` } };
  }

  function createRefund(input: Record<string, unknown>) {
    const amount = Number(input.amount);
    if (typeof input.email !== "string" || !input.email.includes("@")) return { error: "email is required" };
    if (!Number.isFinite(amount) || amount <= 0) return { error: "amount must be a positive number" };
    const refund = {
      id: `RF-${1001 + state.refunds.length}`,
      email: input.email.toLowerCase(),
      orderId: String(input.order_id ?? ""),
      amount,
      reason: String(input.reason ?? ""),
      status: "requested" as const,
      createdAt: new Date().toISOString(),
    };
    state.refunds.push(refund);
    return refund;
  }

  function createTask(input: Record<string, unknown>) {
    if (typeof input.email !== "string" || !input.email.includes("@")) return { error: "email is required" };
    if (typeof input.title !== "string" || input.title.trim() === "") return { error: "title is required" };
    const task = {
      id: `TK-${1001 + state.tasks.length}`,
      email: input.email.toLowerCase(),
      title: input.title.slice(0, 200),
      note: String(input.note ?? "").slice(0, 2_000),
      conversationLink: typeof input.conversation_link === "string" ? input.conversation_link : null,
      createdAt: new Date().toISOString(),
    };
    state.tasks.push(task);
    return task;
  }

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    apiKey: state.apiKey,
    state,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function reply(res: ServerResponse, answer: Reply): void {
  if (res.headersSent) return;
  res.writeHead(answer.status, { "content-type": "application/json" });
  res.end(JSON.stringify(answer.body));
}
