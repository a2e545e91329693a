import type { JSONValue } from "convex/values";

// The sync protocol of convex 1.48 (`convex/src/browser/sync/protocol.ts`), JSON text frames.

/** A u64 timestamp on the wire: base64 of 8 little-endian bytes. */
export type EncodedTs = string;

export function encodeTs(ts: bigint): EncodedTs {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}

export function decodeTs(encoded: string): bigint {
  const bytes = Buffer.from(encoded, "base64");
  return bytes.length === 8 ? bytes.readBigUInt64LE() : 0n;
}

export interface StateVersion {
  querySet: number;
  identity: number;
  ts: bigint;
}

export type QueryModification =
  | {
      type: "Add";
      queryId: number;
      udfPath: string;
      args: JSONValue[];
      journal?: string | null;
      componentPath?: string;
    }
  | { type: "Remove"; queryId: number };

export type ClientMessage =
  | {
      type: "Connect";
      sessionId: string;
      connectionCount: number;
      lastCloseReason: string | null;
      maxObservedTimestamp?: EncodedTs;
    }
  | { type: "ModifyQuerySet"; baseVersion: number; newVersion: number; modifications: QueryModification[] }
  | { type: "Mutation"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | { type: "Action"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | {
      type: "Authenticate";
      baseVersion: number;
      tokenType: "User" | "Admin" | "None";
      value?: string;
      impersonating?: JSONValue;
    }
  | { type: "Event"; eventType: string; event: JSONValue };

export type StateModification =
  | { type: "QueryUpdated"; queryId: number; value: JSONValue; logLines: string[]; journal: string | null }
  | {
      type: "QueryFailed";
      queryId: number;
      errorMessage: string;
      logLines: string[];
      journal: string | null;
      errorData?: JSONValue;
    }
  | { type: "QueryRemoved"; queryId: number };

interface WireVersion {
  querySet: number;
  identity: number;
  ts: EncodedTs;
}

export type ServerMessage =
  | {
      type: "Transition";
      startVersion: WireVersion;
      endVersion: WireVersion;
      modifications: StateModification[];
    }
  | {
      type: "MutationResponse";
      requestId: number;
      success: boolean;
      result: JSONValue;
      ts?: EncodedTs;
      logLines: string[];
      errorData?: JSONValue;
    }
  | {
      type: "ActionResponse";
      requestId: number;
      success: boolean;
      result: JSONValue;
      logLines: string[];
      errorData?: JSONValue;
    }
  | { type: "AuthError"; error: string; baseVersion: number; authUpdateAttempted: boolean }
  | { type: "FatalError"; error: string }
  | { type: "Ping" };

export function wireVersion(v: StateVersion): WireVersion {
  return { querySet: v.querySet, identity: v.identity, ts: encodeTs(v.ts) };
}

/** The largest frame we accept; Convex limits function arguments to 16 MiB. */
export const MAX_ARGS_BYTES = 16 * 1024 * 1024;

/** Validates the shape of a parsed frame; returns a reason when it is not a client message. */
export function checkClientMessage(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected a JSON object";
  const message = value as { type?: unknown; requestId?: unknown; udfPath?: unknown; args?: unknown };
  switch (message.type) {
    case "Connect":
    case "ModifyQuerySet":
    case "Authenticate":
    case "Event":
      return null;
    case "Mutation":
    case "Action":
      if (typeof message.requestId !== "number") return `${message.type} without a numeric requestId`;
      return null;
    default:
      return `unknown message type ${JSON.stringify(message.type)}`;
  }
}
