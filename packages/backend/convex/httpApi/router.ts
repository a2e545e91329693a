import { internal } from "../_generated/api";
import { httpAction, type ActionCtx } from "../_generated/server";
import { bearerKey, hashApiKey, type ApiCaller } from "../apiKeys/model";
import { sha256Hex } from "../contacts/sessionToken";
import { isAppError } from "../lib/errors";
import { problem, problemFromAppError, problemResponse, type Problem } from "./problem";
import { fieldProblems, idempotencyKeyProblem, isJson, readBody } from "./request";
import type { ApiReply, ApiRoute } from "./route";
import { ROUTES } from "./routes";

/*
 * `/v1/*`: one HTTP action serves the route table. In order: route, key (401), scope (403), body size
 * (413), media type (415), JSON and schema (400), Idempotency-Key replay (422 for another body), the
 * handler, and the audit entry (key prefix, route, status, duration; never bodies). No CORS headers:
 * browsers cannot call the API cross-origin, and keys must not live in browsers anyway.
 */

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

interface Matched {
  route: ApiRoute<never, never>;
  params: Record<string, string>;
}

const COMPILED = ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`),
}));

function match(method: string, pathname: string): Matched | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const { route, pattern } of COMPILED) {
    const found = pattern.exec(pathname);
    if (found === null) continue;
    if (route.method === method) {
      const params = Object.fromEntries(
        Object.entries(found.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]),
      );
      return { route, params };
    }
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed } : null;
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** What a request is answered with, before it becomes a `Response`: kept whole for Idempotency-Key. */
type Answer =
  | { kind: "stored"; status: number; contentType: string; body: string; headers?: Record<string, string> }
  | { kind: "events"; stream: ReadableStream<Uint8Array> };

const fromProblem = (body: Problem): Answer => ({
  kind: "stored",
  status: body.status,
  contentType: "application/problem+json",
  body: JSON.stringify(body),
  ...(body.retryAfterSeconds === undefined
    ? {}
    : { headers: { "retry-after": String(body.retryAfterSeconds) } }),
});

const fromReply = (reply: ApiReply): Answer =>
  reply.kind === "events"
    ? reply
    : {
        kind: "stored",
        status: reply.status,
        contentType: "application/json",
        body: JSON.stringify(reply.body),
      };

function toResponse(answer: Answer, extra: Record<string, string> = {}): Response {
  if (answer.kind === "events") {
    return new Response(answer.stream, {
      status: 200,
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache", ...extra },
    });
  }
  return new Response(answer.body, {
    status: answer.status,
    headers: { "content-type": answer.contentType, ...answer.headers, ...extra },
  });
}

const statusOf = (answer: Answer) => (answer.kind === "events" ? 200 : answer.status);

function codeOf(answer: Answer): string | null {
  if (answer.kind === "events" || answer.status < 400) return null;
  try {
    return (JSON.parse(answer.body) as { code?: string }).code ?? "error";
  } catch {
    return "error";
  }
}

async function audit(
  ctx: ActionCtx,
  caller: ApiCaller,
  route: ApiRoute<never, never>,
  answer: Answer,
  receivedAt: number,
  idempotent?: { idempotencyKey: string; requestHash: string },
) {
  const code = codeOf(answer);
  const status = statusOf(answer);
  // Replays must answer the same: only finished, deterministic answers are stored (not 429 or 5xx).
  const store =
    idempotent !== undefined && answer.kind === "stored" && status !== 429 && status < 500
      ? {
          idempotent: {
            apiKeyId: caller.apiKeyId,
            ...idempotent,
            status,
            contentType: answer.contentType,
            body: answer.body,
            expiresAt: Date.now() + IDEMPOTENCY_TTL_MS,
          },
        }
      : {};
  // The key this request held while it ran (beginIdempotent) is released whatever the answer.
  const release =
    idempotent === undefined
      ? {}
      : { release: { apiKeyId: caller.apiKeyId, idempotencyKey: idempotent.idempotencyKey } };
  await ctx.runMutation(internal.system.apiKeys.finish, {
    audit: {
      organizationId: caller.organizationId,
      actor: { kind: "api_key", apiKeyId: caller.apiKeyId, prefix: caller.prefix },
      operation: "api_request",
      endpoint: `${route.method} ${route.path}`,
      httpStatus: status,
      durationMs: Date.now() - receivedAt,
      outcome: code === null ? { kind: "ok" } : { kind: "error", code },
    },
    ...store,
    ...release,
  });
}

async function authenticate(
  ctx: ActionCtx,
  request: Request,
): Promise<{ kind: "ok"; caller: ApiCaller } | { kind: "refused"; answer: Answer; caller?: ApiCaller }> {
  const key = bearerKey(request.headers.get("authorization"));
  if (key === null) {
    return {
      kind: "refused",
      answer: fromProblem(
        problem("unauthenticated", "Send an organization API key: `Authorization: Bearer ab_live_…`."),
      ),
    };
  }
  const found = await ctx.runMutation(internal.system.apiKeys.authenticate, {
    secretHash: await hashApiKey(key),
  });
  if (found.kind === "ok") return found;
  if (found.kind === "limited") {
    const seconds = Math.max(1, Math.ceil(found.retryAfterMs / 1000));
    return {
      kind: "refused",
      caller: found.caller,
      answer: fromProblem(
        problem("rate_limited", `Too many requests with this key; try again in ${seconds} s.`, {
          retryAfterSeconds: seconds,
        }),
      ),
    };
  }
  if (found.reason === "unknown") {
    return {
      kind: "refused",
      answer: fromProblem(problem("invalid_api_key", "This API key does not exist.")),
    };
  }
  return {
    kind: "refused",
    caller: found.caller,
    answer: fromProblem(
      found.reason === "revoked"
        ? problem("api_key_revoked", "This API key was revoked; an admin can create a new one.")
        : problem("api_key_expired", "This API key has expired; an admin can create a new one."),
    ),
  };
}

/** The body and query as the route's schemas read them, or the problem that stops the request. */
async function parseRequest(
  request: Request,
  url: URL,
  route: ApiRoute<never, never>,
): Promise<{ kind: "ok"; body: unknown; query: unknown; raw: string } | { kind: "refused"; answer: Answer }> {
  const refuse = (body: Problem) => ({ kind: "refused" as const, answer: fromProblem(body) });
  let raw = "";
  let body: unknown = undefined;
  if (route.method === "POST") {
    const read = await readBody(request);
    if (read.kind === "too_large")
      return refuse(problem("payload_too_large", "The body is larger than 1 MB."));
    if (read.kind === "not_text") return refuse(problem("invalid_json", "The body is not UTF-8 text."));
    raw = read.text;
    if (raw.trim().length > 0 && !isJson(request.headers.get("content-type"))) {
      return refuse(problem("unsupported_media_type", "Send the body as `Content-Type: application/json`."));
    }
    try {
      body = raw.trim().length === 0 ? {} : JSON.parse(raw);
    } catch (error) {
      return refuse(problem("invalid_json", `The body is not valid JSON: ${(error as Error).message}`));
    }
  }
  const parsedBody = route.body?.safeParse(body);
  const query = route.query?.safeParse(Object.fromEntries(url.searchParams));
  const fields = [
    ...(parsedBody?.success === false ? fieldProblems(parsedBody.error) : []),
    ...(query?.success === false ? fieldProblems(query.error, "query") : []),
  ];
  if (fields.length > 0) {
    const names = [...new Set(fields.map((f) => f.field))].join(", ");
    return refuse(problem("invalid_input", `Invalid ${names}.`, { errors: fields }));
  }
  return { kind: "ok", body: parsedBody?.data ?? {}, query: query?.data ?? {}, raw };
}

async function run(
  ctx: ActionCtx,
  request: Request,
  url: URL,
  matched: Matched,
  caller: ApiCaller,
  receivedAt: number,
): Promise<{
  answer: Answer;
  idempotent?: { idempotencyKey: string; requestHash: string };
  replayed?: true;
}> {
  const { route, params } = matched;
  if (route.scope !== null && !caller.scopes.includes(route.scope)) {
    return {
      answer: fromProblem(
        problem("insufficient_scope", `This endpoint needs a key with the \`${route.scope}\` scope.`),
      ),
    };
  }
  const parsed = await parseRequest(request, url, route);
  if (parsed.kind === "refused") return { answer: parsed.answer };

  const idempotencyKey = route.method === "POST" ? request.headers.get("idempotency-key") : null;
  let idempotent: { idempotencyKey: string; requestHash: string } | undefined;
  if (idempotencyKey !== null) {
    const bad = idempotencyKeyProblem(idempotencyKey);
    if (bad !== null) {
      return {
        answer: fromProblem(
          problem("invalid_input", `Invalid Idempotency-Key.`, {
            errors: [{ field: "Idempotency-Key", message: bad }],
          }),
        ),
      };
    }
    idempotent = {
      idempotencyKey,
      requestHash: await sha256Hex(`${route.method} ${url.pathname}\n${parsed.raw}`),
    };
    const begun = await ctx.runMutation(internal.system.apiKeys.beginIdempotent, {
      apiKeyId: caller.apiKeyId,
      ...idempotent,
    });
    if (begun.kind === "reused") {
      return {
        answer: fromProblem(
          problem(
            "idempotency_key_reused",
            "This Idempotency-Key was used with another request in the last 24 h; use a new key.",
          ),
        ),
      };
    }
    if (begun.kind === "in_progress") {
      return {
        answer: fromProblem(
          problem(
            "idempotency_in_progress",
            "A request with this Idempotency-Key is still running; retry once it has finished to get its answer.",
          ),
        ),
      };
    }
    if (begun.kind === "stored") {
      const { stored } = begun;
      return {
        answer: { kind: "stored", status: stored.status, contentType: stored.contentType, body: stored.body },
        replayed: true,
      };
    }
  }

  try {
    const reply = await route.handle({
      ctx,
      caller,
      params,
      body: parsed.body as never,
      query: parsed.query as never,
      receivedAt,
      origin: url.origin,
    });
    return { answer: fromReply(reply), ...(idempotent === undefined ? {} : { idempotent }) };
  } catch (error) {
    if (isAppError(error)) {
      return {
        answer: fromProblem((route.problemOf ?? problemFromAppError)(error.data)),
        ...(idempotent === undefined ? {} : { idempotent }),
      };
    }
    console.error(`${route.method} ${route.path} failed:`, error);
    return {
      answer: fromProblem(problem("internal", "Something went wrong on our side; try again.")),
      ...(idempotent === undefined ? {} : { idempotent }),
    };
  }
}

export const v1 = httpAction(async (ctx: ActionCtx, request: Request) => {
  const receivedAt = Date.now();
  const url = new URL(request.url);
  const matched = match(request.method, url.pathname);
  if (matched === null) {
    return problemResponse(
      problem("not_found", `There is no ${url.pathname} in this API (see /v1/openapi.json).`),
    );
  }
  if ("allowed" in matched) {
    return problemResponse(problem("method_not_allowed", `Use ${matched.allowed.join(" or ")}.`), {
      allow: matched.allowed.join(", "),
    });
  }
  if (matched.route.scope === null) {
    const parsed = await parseRequest(request, url, matched.route);
    if (parsed.kind === "refused") return toResponse(parsed.answer);
    const reply = await matched.route.handle({
      ctx,
      caller: null as never,
      params: matched.params,
      body: parsed.body as never,
      query: parsed.query as never,
      receivedAt,
      origin: url.origin,
    });
    return reply.kind === "json" ? jsonResponse(reply.status, reply.body) : toResponse(reply);
  }
  const authenticated = await authenticate(ctx, request);
  if (authenticated.kind === "refused") {
    if (authenticated.caller !== undefined) {
      await audit(ctx, authenticated.caller, matched.route, authenticated.answer, receivedAt);
    }
    return toResponse(authenticated.answer);
  }
  const { answer, idempotent, replayed } = await run(
    ctx,
    request,
    url,
    matched,
    authenticated.caller,
    receivedAt,
  );
  await audit(
    ctx,
    authenticated.caller,
    matched.route,
    answer,
    receivedAt,
    replayed ? undefined : idempotent,
  );
  return toResponse(answer, replayed ? { "idempotent-replayed": "true" } : {});
});
