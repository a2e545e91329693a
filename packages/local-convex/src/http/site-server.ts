import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserIdentity } from "convex/server";
import type { TokenVerifier } from "../auth/identity.ts";
import type { Engine } from "../engine/engine.ts";
import { BodyTooLarge, authorization, readBody, sendJson } from "./http-util.ts";

/** The "site" origin of a deployment: every request goes to the router exported by `http.ts`. */
export async function handleSiteRequest(
  engine: Engine,
  auth: TokenVerifier,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let body: Buffer | undefined;
  try {
    body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge)
      return sendJson(res, 413, { code: "PayloadTooLarge", message: error.message });
    throw error;
  }
  let identity: UserIdentity | null = null;
  const header = authorization(req);
  if (header?.kind === "user") {
    // HTTP actions see ctx.auth from the Authorization header; a bad token leaves them anonymous.
    identity = await auth.verify(header.value).then(
      (v) => v.identity,
      () => null,
    );
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  let response: Response;
  try {
    response = await engine.fetchHttpAction(
      req.url ?? "/",
      { method: req.method ?? "GET", headers, body: body === undefined ? undefined : new Uint8Array(body) },
      identity,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(`Uncaught error in HTTP action: ${message}`);
    return;
  }
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    outHeaders[name] = value;
  });
  res.writeHead(response.status, outHeaders);
  res.end(Buffer.from(await response.arrayBuffer()));
}
