import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Caller, Engine } from "../engine/engine.ts";
import { MAX_ARGS_BYTES, encodeTs, type ClientMessage, type ServerMessage } from "./protocol.ts";

export type MutationResponse = Extract<ServerMessage, { type: "MutationResponse" }>;
export type ActionResponse = Extract<ServerMessage, { type: "ActionResponse" }>;

interface RequestContext {
  engine: Engine;
  identity: UserIdentity | null;
  caller: Caller;
  /** The current timestamp, for a mutation that wrote nothing. */
  ts: bigint;
}

/** Runs a `Mutation` frame; a failure's `result` is the error message, as the client expects. */
export async function runMutationRequest(
  ctx: RequestContext,
  m: Extract<ClientMessage, { type: "Mutation" }>,
  tooLarge: boolean,
): Promise<MutationResponse> {
  const base = { type: "MutationResponse", requestId: m.requestId } as const;
  if (tooLarge) return { ...base, success: false, result: argsTooLarge(), logLines: [] };
  const args = decodeArgs(m.args);
  if (typeof args === "string") return { ...base, success: false, result: args, logLines: [] };
  const result = await ctx.engine.run("mutation", m.udfPath, args, ctx.identity, {
    caller: ctx.caller,
  });
  if (!result.ok) {
    return {
      ...base,
      success: false,
      result: result.errorMessage,
      logLines: result.logLines,
      ...errorData(result.errorData),
    };
  }
  const ts = result.commitTs ?? ctx.ts;
  return {
    ...base,
    success: true,
    result: convexToJson(result.value),
    ts: encodeTs(ts),
    logLines: result.logLines,
  };
}

/** Runs an `Action` frame. */
export async function runActionRequest(
  ctx: RequestContext,
  m: Extract<ClientMessage, { type: "Action" }>,
  tooLarge: boolean,
): Promise<ActionResponse> {
  const base = { type: "ActionResponse", requestId: m.requestId } as const;
  if (tooLarge) return { ...base, success: false, result: argsTooLarge(), logLines: [] };
  const args = decodeArgs(m.args);
  if (typeof args === "string") return { ...base, success: false, result: args, logLines: [] };
  const result = await ctx.engine.run("action", m.udfPath, args, ctx.identity, {
    caller: ctx.caller,
  });
  return result.ok
    ? { ...base, success: true, result: convexToJson(result.value), logLines: result.logLines }
    : {
        ...base,
        success: false,
        result: result.errorMessage,
        logLines: result.logLines,
        ...errorData(result.errorData),
      };
}

export function argsOf(args: JSONValue[] | undefined): Record<string, Value> {
  return (jsonToConvex(args?.[0] ?? {}) ?? {}) as Record<string, Value>;
}

/** The arguments, or the error message when they are not Convex values. */
function decodeArgs(args: JSONValue[] | undefined): Record<string, Value> | string {
  try {
    return argsOf(args);
  } catch (error) {
    return `Invalid arguments: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function argsTooLarge(): string {
  return `Arguments are too large (limit: ${MAX_ARGS_BYTES} bytes)`;
}

function errorData(data: Value | undefined): { errorData?: JSONValue } {
  return data === undefined ? {} : { errorData: convexToJson(data) };
}
