import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { AwsServiceError, awsErrorResponse, type JsonResponse } from "./aws-error.ts";
import { stringifyWithExactIntegers } from "./exact-integer.ts";
import { type FaultInjector, type FaultRule, type ServiceName, SERVICES } from "./faults.ts";

/** A request as the services see it: body already read. */
export interface ServiceRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
  /** Parses the body as JSON; malformed JSON is an AWS `SerializationException`. */
  json(): unknown;
}

/** One emulated service mounted on the shared HTTP server. */
export interface HttpService {
  name: ServiceName;
  /** Returns the operation this request is for, or undefined when it belongs to another service. */
  match(request: ServiceRequest): string | undefined;
  handle(operation: string, request: ServiceRequest): Promise<JsonResponse>;
  /** How this service reports an error (default: the AWS JSON error shape). */
  formatError?(error: AwsServiceError): JsonResponse;
}

/** A WebSocket (or other) upgrade handler; returns false when the path is not its own. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface LocalCloudServerOptions {
  services: HttpService[];
  upgrades: UpgradeHandler[];
  faults: FaultInjector;
  /** Local-cloud administration routes by path (like `/__faults`), never part of an AWS API. */
  admin?: Record<string, (request: ServiceRequest) => JsonResponse>;
}

/**
 * One loopback HTTP server for every emulator, like LocalStack's single edge port: AWS services are
 * told apart by `X-Amz-Target`, path, or (STS and IAM, both `POST /` with a form) the SigV4 credential
 * scope's service, Neon by `/sql` and `/v1`. It never crashes on bad input:
 * every failure becomes an error response in the service's own format.
 */
export function createLocalCloudServer(options: LocalCloudServerOptions): Server {
  const server = createServer((req, res) => {
    handleRequest(req, res, options).catch((error: unknown) => {
      // Last resort: handleRequest already answers every expected failure.
      if (!res.headersSent)
        send(res, { status: 500, body: { __type: "InternalFailure", message: String(error) } });
      else res.destroy();
    });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    if (!options.upgrades.some((handler) => handler(req, socket, head))) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
    }
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  });
  return server;
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, options: LocalCloudServerOptions) {
  const url = new URL(req.url ?? "/", "http://local");
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    // The rest of the body is still arriving: close the connection so no client reuses it mid-stream.
    const response = awsErrorResponse(error as AwsServiceError);
    return send(res, { ...response, headers: { ...response.headers, connection: "close" } });
  }
  const request: ServiceRequest = {
    method: req.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    json: () => parseJson(body),
  };
  if (url.pathname === "/health") return send(res, { status: 200, body: { ok: true, services: SERVICES } });
  if (url.pathname === "/__faults") return send(res, handleFaultAdmin(request, options.faults));
  const admin =
    options.admin && Object.hasOwn(options.admin, url.pathname) ? options.admin[url.pathname] : undefined;
  if (admin) return send(res, admin(request));

  for (const service of options.services) {
    const operation = service.match(request);
    if (!operation) continue;
    try {
      const outcome = await options.faults.apply(service.name, operation);
      if (outcome.kind === "drop") return res.destroy();
      return send(res, await service.handle(operation, request));
    } catch (error) {
      const awsError =
        error instanceof AwsServiceError
          ? error
          : new AwsServiceError(
              "InternalFailure",
              `internal error in the ${service.name} emulator: ${String(error)}`,
              500,
            );
      return send(res, service.formatError ? service.formatError(awsError) : awsErrorResponse(awsError));
    }
  }
  const target = req.headers["x-amz-target"];
  return send(
    res,
    awsErrorResponse(
      new AwsServiceError(
        "UnknownOperationException",
        `no emulated service handles ${request.method} ${url.pathname}${target ? ` (X-Amz-Target: ${String(target)})` : ""}`,
        404,
      ),
    ),
  );
}

function handleFaultAdmin(request: ServiceRequest, faults: FaultInjector): JsonResponse {
  try {
    if (request.method === "DELETE") faults.clear();
    else if (request.method === "POST") faults.add(request.json() as FaultRule);
    return { status: 200, body: { faults: faults.list() } };
  } catch (error) {
    return { status: 400, body: { message: (error as Error).message } };
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new AwsServiceError(
        "SerializationException",
        `request body exceeds ${MAX_BODY_BYTES} bytes`,
        413,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new AwsServiceError(
      "SerializationException",
      `request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function send(res: ServerResponse, response: JsonResponse): void {
  const payload = response.text ?? stringifyWithExactIntegers(response.body);
  res.writeHead(response.status, {
    "content-type": "application/json",
    "x-amzn-RequestId": randomUUID(),
    ...response.headers,
  });
  res.end(payload);
}
