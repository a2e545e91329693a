import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge(`Request body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "access-control-allow-origin": "*",
  });
  res.end(text);
}

/** CORS as a deployment answers it: any origin, the headers the clients send. */
export function sendCorsPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
    "access-control-allow-headers": "content-type, authorization, convex-client",
    "access-control-max-age": "86400",
  });
  res.end();
}

/** `Authorization` as the HTTP client sends it: `Bearer <jwt>` or `Convex <admin key>`. */
export function authorization(req: IncomingMessage): { kind: "user" | "admin"; value: string } | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const [scheme, ...rest] = header.split(" ");
  const value = rest.join(" ");
  if (scheme === "Bearer") return { kind: "user", value };
  if (scheme === "Convex") return { kind: "admin", value };
  return null;
}
