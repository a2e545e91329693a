import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { AuthFailure, type TokenVerifier } from "../auth/identity.ts";
import type { Caller, Engine } from "../engine/engine.ts";
import type { FunctionKind } from "../engine/function-info.ts";
import type { QueryHub } from "../sync/query-hub.ts";
import { BodyTooLarge, authorization, readBody, sendJson } from "./http-util.ts";

export interface ApiDeps {
  engine: Engine;
  hub: QueryHub;
  auth: TokenVerifier;
  adminKey: string;
}

const ROUTES: Record<string, FunctionKind | "any"> = {
  "/api/query": "query",
  "/api/mutation": "mutation",
  "/api/action": "action",
  "/api/function": "any",
};

/** Whether `pathname` is one of the HTTP API's function routes. */
export function isFunctionRoute(pathname: string): boolean {
  return pathname in ROUTES;
}

/**
 * The HTTP API `ConvexHttpClient` uses: POST `/api/query|mutation|action` with `{path, format, args:
 * [obj]}` and `/api/function` with `{path, args}`. 200 with `{status: "success", value, logLines}`,
 * 560 with `{status: "error", errorMessage, errorData?}` when the function fails.
 */
export async function handleFunctionRoute(
  deps: ApiDeps,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const expected = ROUTES[pathname] ?? "any";
  if (req.method !== "POST") return sendJson(res, 405, { code: "MethodNotAllowed", message: "Use POST" });
  let caller: Caller = "client";
  let identity: UserIdentity | null = null;
  const auth = authorization(req);
  try {
    if (auth?.kind === "user") identity = (await deps.auth.verify(auth.value)).identity;
    if (auth?.kind === "admin") {
      if (auth.value !== deps.adminKey)
        throw new AuthFailure("The provided admin key is invalid for this deployment");
      caller = "admin";
    }
  } catch (error) {
    const message = error instanceof AuthFailure ? error.message : String(error);
    return sendJson(res, 401, { code: "Unauthenticated", message });
  }
  let body: { path?: unknown; args?: unknown; format?: unknown };
  try {
    body = JSON.parse((await readBody(req)).toString("utf8")) as typeof body;
  } catch (error) {
    if (error instanceof BodyTooLarge)
      return sendJson(res, 413, { code: "PayloadTooLarge", message: error.message });
    return sendJson(res, 400, { code: "BadJsonBody", message: "The request body is not valid JSON" });
  }
  if (typeof body !== "object" || body === null || typeof body.path !== "string") {
    return sendJson(res, 400, { code: "BadRequest", message: "Expected a JSON object with a string `path`" });
  }
  const rawArgs = Array.isArray(body.args)
    ? (body.args[0] as JSONValue | undefined)
    : (body.args as JSONValue | undefined);
  let args: Record<string, Value>;
  try {
    args = (jsonToConvex(rawArgs ?? {}) ?? {}) as Record<string, Value>;
  } catch (error) {
    return sendJson(res, 400, { code: "BadConvexValue", message: String(error) });
  }
  const result = await deps.engine.run(expected, body.path, args, identity, { caller });
  if (!result.ok) {
    return sendJson(res, 560, {
      status: "error",
      errorMessage: result.errorMessage,
      logLines: result.logLines,
      ...(result.errorData === undefined ? {} : { errorData: convexToJson(result.errorData) }),
    });
  }
  // A write over HTTP is visible to subscribers before the caller hears back.
  if (result.commitTs !== undefined) await deps.hub.flush();
  sendJson(res, 200, { status: "success", value: convexToJson(result.value), logLines: result.logLines });
}
