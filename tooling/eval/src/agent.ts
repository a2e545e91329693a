import { internal } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import type { LookupResult } from "@answerbase/models/language";
import type { FunctionReturnType } from "convex/server";
import { ConvexError } from "convex/values";
import type { Backend } from "./backend.ts";

export type Viewer = { kind: "admin" } | { kind: "contact"; verifiedOwnerKey: string | null };
export type Source = LookupResult["source"];
type PlaygroundAnswer = FunctionReturnType<typeof internal.system.playground.ask>;

/** What one question produced: the reply, the source the lookup chose and what reached the model. */
export interface AgentReply {
  text: string;
  source: Source;
  /** The lookup tool's result the reply was written from; null when no lookup ran. */
  lookup: LookupResult | null;
  status: PlaygroundAnswer["status"] | null;
  /** The turn failed and the customer got the apology. */
  failed: boolean;
  timings: PlaygroundAnswer["timings"] | null;
  ms: number;
  /** The backend refused the question before the agent saw it (e.g. an empty message). */
  refused?: { code: string; message: string };
}

export type Agent = (question: string, viewer: Viewer) => Promise<AgentReply>;

/**
 * The real agent (`system/playground:ask`): a fresh thread per question, the configured language model,
 * the lookup tool with its priority rules. A refusal with a user-facing code (`invalid_input`, ...) is
 * an answer too: nothing was looked up and nothing reached a model.
 */
export function agentFor(t: Backend, organizationId: Id<"organizations">, asOf?: number): Agent {
  return async (question, viewer) => {
    const started = performance.now();
    try {
      const answer = await t.action(internal.system.playground.ask, {
        organizationId,
        question,
        viewer,
        ...(asOf !== undefined && { asOf }),
      });
      return {
        text: answer.text,
        source: answer.source,
        lookup: answer.lookup,
        status: answer.status,
        failed: answer.failed,
        timings: answer.timings,
        ms: answer.timings.totalMs,
      };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      const ms = performance.now() - started;
      return {
        text: "",
        source: "none",
        lookup: null,
        status: null,
        failed: false,
        timings: null,
        ms,
        refused: refusal,
      };
    }
  };
}

const REFUSAL_CODES = new Set(["invalid_input"]);

function refusalOf(error: unknown): { code: string; message: string } | undefined {
  if (!(error instanceof ConvexError)) return undefined;
  const data = error.data as { code?: unknown; message?: unknown } | null;
  if (typeof data?.code !== "string" || !REFUSAL_CODES.has(data.code)) return undefined;
  return { code: data.code, message: typeof data.message === "string" ? data.message : "" };
}
