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
  await sendBody(response, res);
}

/**
 * Writes the action's body chunk by chunk as the action produces it (server-sent events, a CSV
 * export), waiting for the socket to drain so a slow client holds back a pull-based stream instead
 * of filling this process's memory. A client that goes away cancels the stream: the action's
 * `cancel()` runs and it can stop its work.
 */
async function sendBody(response: Response, res: ServerResponse): Promise<void> {
  if (response.body === null) {
    res.end();
    return;
  }
  // Headers out now: a streamed answer's first byte must not wait for its first chunk.
  res.flushHeaders();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const gone = () =>
    void reader.cancel(new Error("The client closed the connection.")).catch(() => undefined);
  res.once("close", gone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value))
        await new Promise<void>((resolve) => res.once("drain", resolve).once("close", resolve));
    }
    res.end();
  } catch (error) {
    // Headers are gone: the only way to tell the client the body is incomplete is to cut it off.
    console.error("HTTP action body failed:", error instanceof Error ? error.message : error);
    res.destroy();
  } finally {
    res.off("close", gone);
  }
}
