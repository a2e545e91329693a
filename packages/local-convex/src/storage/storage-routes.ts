import type { IncomingMessage, ServerResponse } from "node:http";
import type { Engine } from "../engine/engine.ts";
import { BodyTooLarge, readBody, sendJson } from "../http/http-util.ts";

/**
 * `POST /api/storage/upload?token=…` (the URL `generateUploadUrl` returns) stores the body and answers
 * `{storageId}`; `GET /api/storage/<id>` (the URL `getUrl` returns) serves the file.
 */
export async function handleStorageRoute(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (url.pathname === "/api/storage/upload") {
    if (req.method !== "POST")
      return sendJson(res, 405, { code: "MethodNotAllowed", message: "Upload with POST" });
    const token = url.searchParams.get("token") ?? "";
    if (!engine.uploadTokens.delete(token)) {
      return sendJson(res, 401, {
        code: "InvalidUploadToken",
        message: "This upload URL is invalid or was already used",
      });
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return sendJson(res, 413, { code: "PayloadTooLarge", message: error.message });
      throw error;
    }
    const type = req.headers["content-type"];
    const storageId = await engine.storeFile(new Blob([new Uint8Array(body)], type ? { type } : {}));
    return sendJson(res, 200, { storageId });
  }
  const storageId = decodeURIComponent(url.pathname.slice("/api/storage/".length));
  const file = engine.file(storageId);
  if (file === null)
    return sendJson(res, 404, { code: "FileNotFound", message: `No file with storage id ${storageId}` });
  const bytes = Buffer.from(await file.blob.arrayBuffer());
  res.writeHead(200, {
    "content-type": file.contentType ?? (file.blob.type || "application/octet-stream"),
    "content-length": bytes.length,
    "access-control-allow-origin": "*",
  });
  res.end(bytes);
}
