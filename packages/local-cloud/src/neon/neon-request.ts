import type { IncomingHttpHeaders } from "node:http";
import type { BackendLogin } from "../postgres/postgres-backend.ts";
import { NeonProxyError } from "./neon-errors.ts";
import { jsonParamsToPgText } from "./neon-json.ts";

export type IsolationLevel = "ReadUncommitted" | "ReadCommitted" | "RepeatableRead" | "Serializable";

/** Request options Neon reads from headers; anything but exactly "true" counts as false. */
export interface NeonHeaders {
  login: BackendLogin;
  rawTextOutput: boolean;
  arrayMode: boolean;
  isolationLevel: IsolationLevel | undefined;
  readOnly: boolean;
  deferrable: boolean;
}

export interface NeonQuery {
  query: string;
  params: (string | null)[];
  /** Per-query override of the `Neon-Array-Mode` header. */
  arrayMode: boolean | undefined;
}

export type NeonPayload = { kind: "single"; query: NeonQuery } | { kind: "batch"; queries: NeonQuery[] };

const ISOLATION_LEVELS: readonly IsolationLevel[] = [
  "ReadUncommitted",
  "ReadCommitted",
  "RepeatableRead",
  "Serializable",
];

/**
 * Reads the connection string and options the way Neon's proxy does, with its error messages
 * (`invalid header: neon-connection-string`, `missing authentication credentials: ...`).
 */
export function parseNeonHeaders(headers: IncomingHttpHeaders): NeonHeaders {
  const login = parseConnectionString(headers["neon-connection-string"], headers.authorization);
  const level = headers["neon-batch-isolation-level"];
  if (level !== undefined && !ISOLATION_LEVELS.includes(level as IsolationLevel)) {
    throw new NeonProxyError("invalid isolation level");
  }
  return {
    login,
    rawTextOutput: headers["neon-raw-text-output"] === "true",
    arrayMode: headers["neon-array-mode"] === "true",
    isolationLevel: level as IsolationLevel | undefined,
    readOnly: headers["neon-batch-read-only"] === "true",
    deferrable: headers["neon-batch-deferrable"] === "true",
  };
}

function parseConnectionString(
  header: string | string[] | undefined,
  authorization: string | undefined,
): BackendLogin {
  if (typeof header !== "string" || header === "")
    throw new NeonProxyError("invalid header: neon-connection-string");
  let url: URL;
  try {
    url = new URL(header);
  } catch {
    throw new NeonProxyError("invalid connection string: relative URL without a base");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:")
    throw new NeonProxyError("incorrect scheme");
  const database = safeDecode(url.pathname.slice(1).split("/")[0] ?? "");
  if (!database) throw new NeonProxyError("missing database name");
  const user = safeDecode(url.username);
  if (!user) throw new NeonProxyError("missing username");
  if (!url.hostname) throw new NeonProxyError("missing hostname");
  if (url.password) return { user, password: safeDecode(url.password), database };
  // Neon verifies the JWT against the project's JWKS and connects as `user`; the emulator cannot
  // verify it, so it accepts any bearer token and connects without a password.
  if (authorization?.startsWith("Bearer ") && authorization.length > "Bearer ".length)
    return { user, database };
  throw new NeonProxyError("missing authentication credentials: required password");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new NeonProxyError(`invalid connection string: cannot decode "${text}"`);
  }
}

/**
 * Parses `{query, params?, arrayMode?}` or `{queries: [...]}` like Neon's untagged serde enum: a
 * body matching neither shape is a 400 with the parser's message.
 */
export function parseNeonPayload(body: Buffer): NeonPayload {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new NeonProxyError(`could not parse the HTTP request body: ${(error as Error).message}`);
  }
  const single = readQuery(json);
  if (single) return { kind: "single", query: single };
  if (isObject(json) && Array.isArray(json.queries)) {
    const queries = json.queries.map(readQuery);
    if (queries.every((query): query is NeonQuery => query !== undefined)) return { kind: "batch", queries };
  }
  throw new NeonProxyError(
    "could not parse the HTTP request body: data did not match any variant of untagged enum Payload " +
      '(expected {"query": string, "params"?: array} or {"queries": [{"query": string, "params"?: array}, ...]})',
  );
}

function readQuery(value: unknown): NeonQuery | undefined {
  if (!isObject(value) || typeof value.query !== "string") return undefined;
  if (value.params !== undefined && !Array.isArray(value.params)) return undefined;
  const arrayMode = value.arrayMode ?? undefined;
  if (arrayMode !== undefined && typeof arrayMode !== "boolean") return undefined;
  return {
    query: value.query,
    params: jsonParamsToPgText((value.params as unknown[] | undefined) ?? []),
    arrayMode,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
