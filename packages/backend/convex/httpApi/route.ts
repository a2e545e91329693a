import type { z } from "zod";
import type { ActionCtx } from "../_generated/server";
import type { ApiCaller } from "../apiKeys/model";
import type { AppErrorData } from "../lib/errors";
import type { Problem } from "./problem";
import type { ApiScope } from "../shared/apiKeys";

/* One /v1 route: what routes.ts lists, router.ts serves and openapi.ts documents. */

export interface ApiCall<Body, Query> {
  ctx: ActionCtx;
  /** The request's key; null only on routes without a scope. */
  caller: ApiCaller;
  /** `{id}` in the path. */
  params: Record<string, string>;
  body: Body;
  query: Query;
  receivedAt: number;
  /** The deployment's site origin as the caller reached it (`https://…convex.site`). */
  origin: string;
}

export type ApiReply =
  | { kind: "json"; status: number; body: unknown }
  /** Server-sent events; never stored for Idempotency-Key replays. */
  | { kind: "events"; stream: ReadableStream<Uint8Array> };

export interface ApiRoute<Body = unknown, Query = unknown> {
  method: "GET" | "POST";
  /** OpenAPI style: `/v1/conversations/{id}`. */
  path: `/v1/${string}`;
  operationId: string;
  summary: string;
  description?: string;
  /** What the key must hold; null: no key needed (the OpenAPI document). */
  scope: ApiScope | null;
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  /** The 200 answer (201 for none: every route answers 200). */
  response: z.ZodType;
  /** The route may answer `text/event-stream` (documented beside the JSON answer). */
  streams?: boolean;
  /** How the route's coded failures read as problems; default `problemFromAppError`. */
  problemOf?: (data: AppErrorData) => Problem;
  handle(call: ApiCall<Body, Query>): Promise<ApiReply>;
}

/** Types a route by its schemas, then forgets them so routes of different shapes share one table. */
export function route<Body = Record<string, never>, Query = Record<string, never>>(
  definition: ApiRoute<Body, Query>,
): ApiRoute<never, never> {
  return definition as unknown as ApiRoute<never, never>;
}

export const json = (body: unknown, status = 200): ApiReply => ({ kind: "json", status, body });
