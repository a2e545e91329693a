import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { EMBED_DIR, WIDGET_DIR } from "./widget-build.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};
const PLACEHOLDER = "%%ANSWERBASE_CONVEX_URL%%";
const SITE_PLACEHOLDER = "%%ANSWERBASE_CONVEX_SITE_URL%%";

/**
 * The widget's origin, as a CDN would serve it: `/widget.js` (the embed loader) and the widget app
 * (`/`, `/assets/*`) from the built dist/ folders, with the Convex URL (and the site URL of its HTTP
 * actions) filled into the loader and the iframe's HTML. Hashed assets are cached for good; the loader and the HTML are revalidated.
 */
export function widgetRequestHandler(convexUrl: string, convexSiteUrl: string) {
  const widgetDist = join(WIDGET_DIR, "dist");
  return async (
    path: string,
  ): Promise<{ status: number; type: string; body: Buffer | string; cache: string }> => {
    const file =
      path === "/widget.js"
        ? join(EMBED_DIR, "dist", "widget.js")
        : path === "/" || path === "/index.html"
          ? join(widgetDist, "index.html")
          : join(widgetDist, normalize(path).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(widgetDist) && !file.endsWith("widget.js"))
      return { status: 404, type: "text/plain", body: "not found", cache: "no-store" };
    try {
      const bytes = await readFile(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      const templated = type.startsWith("text/html") || file.endsWith("widget.js");
      return {
        status: 200,
        type,
        body: templated
          ? bytes
              .toString("utf8")
              .replaceAll(PLACEHOLDER, convexUrl)
              .replaceAll(SITE_PLACEHOLDER, convexSiteUrl)
          : bytes,
        cache: path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      };
    } catch {
      return { status: 404, type: "text/plain", body: "not found", cache: "no-store" };
    }
  };
}

/** Listens on `host:port` and serves `handle`'s answers; resolves once listening. */
export function serve(
  host: string,
  port: number,
  handle: (
    path: string,
    url: URL,
  ) => Promise<{ status: number; type: string; body: Buffer | string; cache: string }>,
): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://local");
    handle(url.pathname, url).then(
      ({ status, type, body, cache }) => {
        response.writeHead(status, { "content-type": type, "cache-control": cache });
        response.end(body);
      },
      (error: unknown) => {
        console.error("widget server:", error);
        response.writeHead(500, { "content-type": "text/plain" });
        response.end("internal error");
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
