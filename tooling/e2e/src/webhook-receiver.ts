import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the receiver got it: headers lower-cased, the raw body (signatures cover its exact bytes). */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
}

/**
 * A webhook receiver on 127.0.0.1: it records every POST and answers 200 (or what `answer` says, e.g.
 * a 503 while "down"). The organization must be allowed private networks to reach it (the demo
 * organization is).
 */
export async function startWebhookReceiver(answer: () => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString("utf8"),
        receivedAt: Date.now(),
      });
      response.writeHead(answer(), { "content-type": "text/plain" }).end("received");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/answerbase`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
