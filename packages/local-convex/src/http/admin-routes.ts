import type { IncomingMessage, ServerResponse } from "node:http";
import type { EnvStore } from "../env/env-store.ts";
import type { LogStream } from "../logs/log-stream.ts";
import { authorization, readBody, sendJson } from "./http-util.ts";

export interface AdminDeps {
  adminKey: string;
  env: EnvStore;
  logs: LogStream;
  dropConnections: (refuseMs?: number) => void;
}

/**
 * What the CLI talks to (`local-convex env …`, `local-convex logs`), behind the admin key like a
 * deployment's management API: `/api/local_convex/env`, `/api/local_convex/logs` (NDJSON stream), and
 * `/api/local_convex/drop_connections` (tests: drop every WebSocket, optionally refuse new ones a while).
 */
export async function handleAdminRoute(
  deps: AdminDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const auth = authorization(req);
  if (auth?.kind !== "admin" || auth.value !== deps.adminKey) {
    return sendJson(res, 401, {
      code: "Unauthenticated",
      message: "This endpoint needs the deployment's admin key (Authorization: Convex <key>)",
    });
  }
  if (url.pathname === "/api/local_convex/logs") {
    res.writeHead(200, { "content-type": "application/x-ndjson", "cache-control": "no-cache" });
    const write = (entry: unknown) => res.write(`${JSON.stringify(entry)}\n`);
    if (url.searchParams.get("history") !== "false") for (const entry of deps.logs.history()) write(entry);
    deps.logs.on("entry", write);
    req.on("close", () => deps.logs.off("entry", write));
    return;
  }
  if (url.pathname === "/api/local_convex/drop_connections" && req.method === "POST") {
    const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as { refuseMs?: unknown };
    const refuseMs = typeof body.refuseMs === "number" ? Math.min(body.refuseMs, 60_000) : 0;
    deps.dropConnections(refuseMs);
    return sendJson(res, 200, { dropped: true, refuseMs });
  }
  if (url.pathname !== "/api/local_convex/env")
    return sendJson(res, 404, { code: "NotFound", message: url.pathname });
  const name = url.searchParams.get("name");
  switch (req.method) {
    case "GET":
      return sendJson(res, 200, name === null ? deps.env.list() : { name, value: deps.env.get(name) });
    case "POST": {
      const body = JSON.parse((await readBody(req)).toString("utf8")) as { name?: unknown; value?: unknown };
      if (typeof body.name !== "string" || typeof body.value !== "string") {
        return sendJson(res, 400, { code: "BadRequest", message: "Expected {name: string, value: string}" });
      }
      try {
        deps.env.set(body.name, body.value);
      } catch (error) {
        return sendJson(res, 400, {
          code: "InvalidName",
          message: error instanceof Error ? error.message : String(error),
        });
      }
      return sendJson(res, 200, { ok: true });
    }
    case "DELETE":
      if (name === null) return sendJson(res, 400, { code: "BadRequest", message: "Missing ?name=" });
      return sendJson(res, 200, { removed: deps.env.remove(name) });
    default:
      return sendJson(res, 405, { code: "MethodNotAllowed", message: String(req.method) });
  }
}
