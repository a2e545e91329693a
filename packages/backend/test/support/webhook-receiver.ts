import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
  /** What the receiver answered: a status (302 for /redirect) or "hang". */
  answer: number | "hang";
}

/** Whether the receiver accepted the request (a 2xx answer). */
export function accepted(request: Received): boolean {
  return typeof request.answer === "number" && request.answer >= 200 && request.answer < 300;
}

/** How the receiver answers each path: a status, or no answer at all (the connection is left open). */
export type Behaviour = (count: number) => number | "hang";

/** A webhook receiver on 127.0.0.1 for tests and the bench: it records every request and answers per path, counting requests per path. */
export class Receiver {
  readonly received: Received[] = [];
  private readonly counts = new Map<string, number>();
  private readonly hanging = new Set<ServerResponse>();
  private server!: Server;
  constructor(private readonly behaviours: Record<string, Behaviour>) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((request) => request.path === path);
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = request.url ?? "/";
    const count = (this.counts.get(path) ?? 0) + 1;
    this.counts.set(path, count);
    const answer = path === "/redirect" ? 302 : (this.behaviours[path] ?? (() => 200))(count);
    this.received.push({
      path,
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
      body: Buffer.concat(chunks).toString("utf8"),
      receivedAt: Date.now(),
      answer,
    });
    if (path === "/redirect") {
      response.writeHead(302, { location: this.url("/ok") }).end();
      return;
    }
    if (answer === "hang") {
      this.hanging.add(response);
      return;
    }
    response.writeHead(answer, { "content-type": "text/plain" }).end(`answer ${answer} to request ${count}`);
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
