import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer } from "ws";
import { AuthConfigVerifier } from "./auth/auth-config.ts";
import type { ComponentNode } from "./components/component-tree.ts";
import { Engine } from "./engine/engine.ts";
import { loadDefaultExport } from "./engine/modules.ts";
import { EnvStore } from "./env/env-store.ts";
import { handleAdminRoute } from "./http/admin-routes.ts";
import { handleFunctionRoute, isFunctionRoute } from "./http/api-routes.ts";
import { sendCorsPreflight, sendJson } from "./http/http-util.ts";
import { handleSiteRequest } from "./http/site-server.ts";
import { LogStream, captureConsole } from "./logs/log-stream.ts";
import { StateFile, type LoadOutcome } from "./persistence/state-file.ts";
import { CronRunner, cronJobsOf } from "./scheduler/crons.ts";
import { handleStorageRoute } from "./storage/storage-routes.ts";
import { MutationLog } from "./sync/mutation-log.ts";
import { QueryHub } from "./sync/query-hub.ts";
import { SyncSession } from "./sync/session.ts";

export interface LocalConvexOptions {
  /** The Convex functions folder (holding schema.ts, _generated/, ...). */
  convexDir: string;
  /** Where state, env vars and the admin key are kept; omit for an in-memory deployment. */
  stateDir?: string;
  /** Client API port (`CONVEX_URL`); 0 picks a free one. Default 3210. */
  port?: number;
  /** HTTP actions port (`CONVEX_SITE_URL`); 0 picks a free one. Default 3211. */
  sitePort?: number;
  host?: string;
  /** Environment variables set on start (on top of saved ones). */
  env?: Record<string, string>;
  /** The component tree; by default read from convex.config.ts. */
  components?: ComponentNode[];
  adminKey?: string;
  /** Run crons.ts jobs (default true). */
  crons?: boolean;
  /** Print function calls and their console output to stdout (default false). */
  printLogs?: boolean;
}

export interface LocalConvex {
  /** The deployment URL for ConvexClient / ConvexReactClient / ConvexHttpClient. */
  url: string;
  /** Where HTTP actions are served (`CONVEX_SITE_URL`). */
  siteUrl: string;
  adminKey: string;
  engine: Engine;
  env: EnvStore;
  logs: LogStream;
  /** What happened to the saved state on start (null without a stateDir). */
  restored: LoadOutcome | null;
  /**
   * Drops every WebSocket connection (clients reconnect), to exercise reconnects in tests; with
   * `refuseMs`, new sync connections are refused that long (an outage, not a blip). Also over HTTP:
   * `POST /api/local_convex/drop_connections {"refuseMs": 3000}` with the admin key.
   */
  dropConnections(refuseMs?: number): void;
  stop(): Promise<void>;
}

const SYNC_PATH = /^\/api\/[^/]+\/sync$/;

/** Starts an offline Convex deployment serving the functions in `convexDir`. */
export async function startLocalConvex(options: LocalConvexOptions): Promise<LocalConvex> {
  const host = options.host ?? "127.0.0.1";
  const stateDir = options.stateDir === undefined ? null : path.resolve(options.stateDir);
  const logs = new LogStream(options.printLogs ?? false);
  captureConsole();
  // Env first: modules (auth.config.ts in particular) read process.env when they load.
  const env = new EnvStore(stateDir, options.env);
  const adminKey = options.adminKey ?? loadAdminKey(stateDir);
  const engine = await Engine.create({ convexDir: options.convexDir, components: options.components, logs });
  const stateFile =
    stateDir === null ? null : new StateFile(engine.core, stateDir, (m) => process.stderr.write(`${m}\n`));
  const restored = stateFile?.load() ?? null;
  if (stateFile !== null) engine.onCommit(() => stateFile.scheduleSave());

  const auth = new AuthConfigVerifier(engine.convexDir);
  await auth.reload();
  env.onChange(() => {
    auth.reload().catch((error: unknown) => {
      process.stderr.write(`local-convex: reloading auth.config failed: ${String(error)}\n`);
    });
  });
  const hub = new QueryHub(engine);
  const mutations = new MutationLog();

  const api = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://local");
    route(req, res, url).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: "InternalServerError", message: String(error) });
      else res.end();
    });
  });
  const route = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method === "OPTIONS") return sendCorsPreflight(res);
    if (isFunctionRoute(url.pathname))
      return handleFunctionRoute({ engine, hub, auth, adminKey }, req, res, url.pathname);
    if (url.pathname.startsWith("/api/storage/")) return handleStorageRoute(engine, req, res, url);
    if (url.pathname.startsWith("/api/local_convex/"))
      return handleAdminRoute({ adminKey, env, logs, dropConnections }, req, res, url);
    if (url.pathname === "/version") return sendJson(res, 200, "local-convex");
    sendJson(res, 404, { code: "NotFound", message: `No route for ${req.method} ${url.pathname}` });
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  let refuseSyncUntil = 0;
  const dropConnections = (refuseMs = 0) => {
    refuseSyncUntil = Date.now() + Math.max(0, refuseMs);
    for (const client of wss.clients) client.terminate();
  };
  api.on("upgrade", (req, socket, head) => {
    if (!SYNC_PATH.test(new URL(req.url ?? "/", "http://local").pathname)) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    if (Date.now() < refuseSyncUntil) {
      socket.destroy(); // a simulated outage: the client sees a failed connection and backs off
      return;
    }
    wss.handleUpgrade(
      req,
      socket,
      head,
      (ws) => new SyncSession(ws, { engine, hub, mutations, auth, adminKey }),
    );
  });
  // Every site request (OPTIONS included) goes to http.ts, which owns its CORS like on a deployment.
  const site = createServer((req, res) => {
    handleSiteRequest(engine, auth, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: "InternalServerError", message: String(error) });
    });
  });

  const port = await listen(api, options.port ?? 3210, host);
  const sitePort = await listen(site, options.sitePort ?? 3211, host);
  const url = `http://${host}:${port}`;
  const siteUrl = `http://${host}:${sitePort}`;
  engine.origin = url;
  process.env.CONVEX_CLOUD_URL = url;
  process.env.CONVEX_SITE_URL = siteUrl;
  // auth.config.ts may name the deployment's own site (Convex Auth does): known only now with port 0.
  await auth.reload();

  const crons = new CronRunner(engine, cronJobsOf(await loadDefaultExport(engine.convexDir, "crons")), logs);
  if (options.crons ?? true) crons.start();

  return {
    url,
    siteUrl,
    adminKey,
    engine,
    env,
    logs,
    restored,
    dropConnections,
    async stop() {
      crons.stop();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await Promise.all([close(api), close(site)]);
      await engine.core.idle();
      await stateFile?.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** One admin key per state folder (like a deployment's), so the CLI can find it. */
function loadAdminKey(stateDir: string | null): string {
  if (stateDir === null) return `local-convex|${randomBytes(24).toString("hex")}`;
  const file = path.join(stateDir, "admin-key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const key = `local-convex|${randomBytes(24).toString("hex")}`;
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
