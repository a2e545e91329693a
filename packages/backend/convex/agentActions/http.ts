"use node";

import {
  checkedFetch,
  EGRESS_REFUSED_MESSAGE,
  isEgressRefused,
  type NetworkAccess,
} from "@answerbase/egress";
import type { Doc } from "../_generated/dataModel";
import { openSecret, type SealedSecret } from "../dataSources/secretBox";
import { encryptionKey } from "../lib/env";
import { secretAdditionalData } from "./model";
import { fillBody, fillUrl, type InputValue } from "./templates";

/*
 * One action's HTTP request: templates filled, secret headers opened here (and nowhere else), sent
 * through the egress policy (private addresses only with the operator's grant, no redirects) with the
 * action's timeout. Reads, and writes with an idempotency key header, are retried twice on a network
 * error, a timeout, 429 or 5xx; other writes never (a repeat could refund twice).
 */

const EXCERPT_BYTES = 2_048;
const MAX_FIELD_CHARS = 500;
const RETRY_DELAY_MS = 200;
export const MASK = "••••••";

export type ActionDefinition = Pick<
  Doc<"agentActions">,
  | "_id"
  | "organizationId"
  | "name"
  | "kind"
  | "method"
  | "urlTemplate"
  | "bodyTemplate"
  | "headers"
  | "idempotencyKeyHeader"
  | "timeoutMs"
  | "responseFields"
>;

export interface SealedHeader extends SealedSecret {
  name: string;
}

/** What was sent, secrets masked: "Test action" shows it. */
export interface SentRequest {
  method: string;
  url: string;
  headers: { name: string; value: string }[];
  body: string | null;
}

export type CallOutcome =
  | {
      kind: "response";
      ok: boolean;
      httpStatus: number;
      durationMs: number;
      excerpt: string;
      fields: { field: string; value: InputValue }[];
    }
  | { kind: "error"; code: string; detail: string; durationMs: number };

async function excerptOf(response: Response): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES * 32) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** RFC 6901: `/a/0/b`, with `~1` for `/` and `~0` for `~`; "" is the whole document. */
export function atPointer(document: unknown, pointer: string): unknown {
  if (pointer === "") return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function mapped(responseFields: ActionDefinition["responseFields"], text: string) {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return [];
  }
  return responseFields.flatMap(({ field, pointer }) => {
    const value = atPointer(document, pointer);
    if (value === undefined) return [];
    const scalar: InputValue =
      value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? value
        : JSON.stringify(value);
    return [{ field, value: typeof scalar === "string" ? scalar.slice(0, MAX_FIELD_CHARS) : scalar }];
  });
}

function failure(error: unknown, timeoutMs: number): { code: string; detail: string } {
  if (isEgressRefused(error)) return { code: "forbidden_network", detail: EGRESS_REFUSED_MESSAGE };
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError")
    return { code: "timeout", detail: `No response within ${timeoutMs} ms.` };
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause;
  const detail = typeof cause?.message === "string" ? cause.message : String(error);
  if (/redirect/i.test(detail))
    return {
      code: "redirect_refused",
      detail: "The target answered with a redirect; actions do not follow redirects.",
    };
  return { code: "network", detail: `The request failed: ${detail}`.slice(0, 300) };
}

/** The request with its secret headers opened, and the same request as it may be shown. */
export async function prepareRequest(
  action: ActionDefinition,
  sealed: readonly SealedHeader[],
  values: ReadonlyMap<string, InputValue>,
  idempotencyKey: string | null,
): Promise<{ init: RequestInit & { method: string }; url: string; shown: SentRequest }> {
  const url = fillUrl(action.urlTemplate, values);
  const body = action.bodyTemplate === undefined ? null : fillBody(action.bodyTemplate, values);
  const headers: [string, string][] = [["accept", "application/json"]];
  const shown: { name: string; value: string }[] = [];
  if (body !== null) headers.push(["content-type", "application/json"]);
  const bySealed = new Map(sealed.map((header) => [header.name, header]));
  for (const header of action.headers) {
    if (!header.secret) {
      headers.push([header.name, header.value ?? ""]);
      shown.push({ name: header.name, value: header.value ?? "" });
      continue;
    }
    const box = bySealed.get(header.name);
    if (box === undefined) continue;
    const value = await openSecret(
      box,
      encryptionKey(),
      secretAdditionalData(action.organizationId, action._id),
    );
    headers.push([header.name, value]);
    shown.push({ name: header.name, value: MASK });
  }
  if (action.idempotencyKeyHeader !== undefined && idempotencyKey !== null) {
    headers.push([action.idempotencyKeyHeader, idempotencyKey]);
    shown.push({ name: action.idempotencyKeyHeader, value: idempotencyKey });
  }
  return {
    url,
    init: { method: action.method, headers, ...(body === null ? {} : { body }) },
    shown: { method: action.method, url, headers: shown, body },
  };
}

const retryable = (outcome: CallOutcome) =>
  outcome.kind === "error"
    ? outcome.code === "network" || outcome.code === "timeout"
    : outcome.httpStatus === 429 || outcome.httpStatus >= 500;

/** Sends the prepared request (retrying where it is safe) and maps the response. */
export async function send(
  action: ActionDefinition,
  prepared: { url: string; init: RequestInit },
  network: NetworkAccess,
): Promise<CallOutcome> {
  const mayRetry = action.kind === "read" || action.idempotencyKeyHeader !== undefined;
  let outcome: CallOutcome;
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    try {
      const response = await checkedFetch(network)(prepared.url, {
        ...prepared.init,
        signal: AbortSignal.timeout(action.timeoutMs),
      });
      const text = await excerptOf(response);
      outcome = {
        kind: "response",
        ok: response.ok,
        httpStatus: response.status,
        durationMs: Math.round(performance.now() - started),
        excerpt: text.slice(0, EXCERPT_BYTES),
        fields: response.ok ? mapped(action.responseFields, text) : [],
      };
    } catch (error) {
      outcome = {
        kind: "error",
        ...failure(error, action.timeoutMs),
        durationMs: Math.round(performance.now() - started),
      };
    }
    if (!mayRetry || attempt >= 2 || !retryable(outcome)) return outcome;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * (attempt + 1)));
  }
}

/** What the customer is told about a failure (plain words), and what operators see (details). */
export function describeOutcomeError(
  outcome: CallOutcome,
): { code: string; message: string; detail: string; httpStatus?: number } | null {
  if (outcome.kind === "response") {
    if (outcome.ok) return null;
    const status = outcome.httpStatus;
    return {
      code: status >= 500 ? "target_error" : "target_refused",
      message:
        status >= 500
          ? "the system that handles it had a problem"
          : "the system that handles it did not accept the request",
      detail: `HTTP ${status}: ${outcome.excerpt.slice(0, 1_000)}`,
      httpStatus: status,
    };
  }
  const message =
    outcome.code === "timeout"
      ? "the system that handles it did not answer in time"
      : outcome.code === "forbidden_network"
        ? "the system that handles it cannot be reached from here"
        : "the system that handles it could not be reached";
  return { code: outcome.code, message, detail: outcome.detail };
}
