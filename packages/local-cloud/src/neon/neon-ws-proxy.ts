import { type IncomingMessage, STATUS_CODES } from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { AwsServiceError } from "../http/aws-error.ts";
import type { UpgradeHandler } from "../http/http-server.ts";
import type { CloudContext } from "../local-cloud.ts";
import { TerminateDetector } from "./terminate-detector.ts";

/** Path of Neon's wsproxy; the driver's `wsProxy` string gets `?address=<host>:<port>` appended. */
const PROXY_PATH = "/v1";
/** `host:port`, `[v6]:port`: what wsproxy's address filter lets through, minus its `.neon.tech` rule. */
const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;
/** Stop reading from Postgres while this much is still waiting to go out on the WebSocket. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

interface Tunnel {
  ws: WebSocket;
  tcp: net.Socket;
}

/**
 * Neon's WebSocket proxy (what `Pool`/`Client` from `@neondatabase/serverless` talk to): every
 * binary frame is written to a TCP connection to Postgres and everything Postgres sends comes back
 * as binary frames, so the driver speaks the plain Postgres protocol end to end.
 */
export function neonWebSocketProxy(context: CloudContext): {
  upgrade: UpgradeHandler;
  close(): Promise<void>;
} {
  const server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const tunnels = new Set<Tunnel>();
  let closed = false;

  async function accept(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const problem = addressProblem(request);
    if (problem) return refuse(socket, 400, `proxying to specified address not allowed: ${problem}`);
    try {
      const outcome = await context.faults.apply("neon", "ws");
      if (outcome.kind === "drop") return void socket.destroy();
    } catch (error) {
      const status = error instanceof AwsServiceError ? error.status : 500;
      return refuse(socket, status, (error as Error).message);
    }
    if (closed || socket.destroyed) return void socket.destroy();
    server.handleUpgrade(request, socket, head, (ws) => {
      if (closed) return ws.terminate();
      const tunnel = openTunnel(ws, context, () => tunnels.delete(tunnel));
      tunnels.add(tunnel);
    });
  }

  return {
    upgrade(request, socket, head) {
      if (new URL(request.url ?? "/", "http://local").pathname !== PROXY_PATH) return false;
      accept(request, socket, head).catch(() => socket.destroy());
      return true;
    },
    async close() {
      closed = true;
      for (const { ws, tcp } of tunnels) {
        ws.terminate();
        tcp.destroy();
      }
      tunnels.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Neon's proxy routes an endpoint's host name to that endpoint's compute. The local cloud has one
 * compute, so every valid address is routed to the Postgres server behind it; the address is only
 * checked for shape, so a driver misconfiguration still fails like it would against Neon.
 */
function addressProblem(request: IncomingMessage): string | undefined {
  const address = new URL(request.url ?? "/", "http://local").searchParams.get("address");
  if (!address) return 'missing "address" query parameter (host:port)';
  const port = HOST_PORT.exec(address)?.[1];
  if (port === undefined || Number(port) < 1 || Number(port) > 65_535) return `"${address}" is not host:port`;
  return undefined;
}

function openTunnel(ws: WebSocket, context: CloudContext, onClosed: () => void): Tunnel {
  const { host, port } = context.backend.address;
  const tcp = net.connect({ host, port });
  tcp.setNoDelay(true);
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    onClosed();
  };

  const terminate = new TerminateDetector();
  ws.on("message", (data: RawData) => {
    if (tcp.writableEnded) return;
    const chunk = toBuffer(data);
    // Writes before the TCP connection is up are buffered by the socket; pause the WebSocket
    // instead of buffering without bound when Postgres reads slower than the client sends.
    if (!tcp.write(chunk)) ws.pause();
    if (terminate.sawTerminate(chunk)) tcp.end();
  });
  tcp.on("drain", () => ws.resume());
  tcp.on("data", (chunk: Buffer) => {
    terminate.watchServer(chunk);
    ws.send(chunk, { binary: true }, () => {
      if (tcp.isPaused() && ws.bufferedAmount < MAX_BUFFERED_BYTES) tcp.resume();
    });
    if (ws.bufferedAmount >= MAX_BUFFERED_BYTES) tcp.pause();
  });

  // Errors are followed by `close`, which does the cleanup; listening keeps them from crashing.
  tcp.on("error", () => undefined);
  ws.on("error", () => tcp.destroy());
  tcp.on("close", () => {
    finish();
    // wsproxy's goodbye when Postgres hangs up (e.g. after the client's Terminate message).
    if (ws.readyState === ws.OPEN) ws.close(1000, "TCP connection is closed");
    else ws.terminate();
  });
  ws.on("close", () => {
    finish();
    // Flush what the client sent last (its Terminate message), then let Postgres close.
    tcp.end();
    setTimeout(() => tcp.destroy(), 5_000).unref();
  });
  return { ws, tcp };
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** Refuses an upgrade with a plain HTTP error, as wsproxy's `http.Error` does. */
function refuse(socket: Duplex, status: number, message: string): void {
  const code = status >= 400 && status <= 599 ? status : 500;
  const body = `${message}\n`;
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? "Error"}\r\n` +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Connection: close\r\n\r\n" +
        body,
    );
  } else {
    socket.destroy();
  }
}
