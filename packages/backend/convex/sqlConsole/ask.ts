"use node";

import type { LanguageModelEntry } from "@answerbase/models/language";
import { generateText } from "ai";
import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { cachedCatalog, withConnector } from "../dataSources/connection";
import { enforceRateLimit } from "../lib/rateLimits";
import { appError } from "../lib/errors";
import { loadLookupContext } from "../lookup/context";
import {
  answerInstructions,
  answerPrompt,
  catalogForModel,
  draftInstructions,
  draftPrompt,
  extractSql,
  firstSentence,
  hiddenColumnNames,
} from "./askPrompt";
import { requireProviderModel } from "./askModel";
import { MAX_QUESTION_CHARS } from "../shared/sqlConsole";
import { runConsolePage, type ConsoleActing } from "./run";
import type { vConsolePage } from "./validators";

/*
 * "Ask in English": a question becomes one SELECT written by the provider model from the catalog the
 * agent works from (askPrompt.ts), then runs exactly like a console statement (`runConsolePage`: the
 * guard, the read-only transaction, the 30 s timeout, the row cap, the audit), and the rows are
 * answered in one sentence. The page shows the SQL for review before anything runs; `POST /v1/ask`
 * does all three at once.
 */

const MODEL_TIMEOUT_MS = 60_000;

type ConsolePage = Infer<typeof vConsolePage>;

export interface Draft {
  sql: string;
  modelId: string;
}

function checkQuestion(question: string): string {
  const text = question.trim();
  if (text.length === 0 || text.length > MAX_QUESTION_CHARS) {
    throw appError("invalid_input", `question must be 1 to ${MAX_QUESTION_CHARS} characters.`, {
      fields: [{ field: "question", message: `1 to ${MAX_QUESTION_CHARS} characters` }],
    });
  }
  return text;
}

/**
 * One completion. A provider failure is logged with its cause and reported without the provider's
 * message (it may quote a masked key or the request): `timeout`, else `network`.
 */
async function complete(llm: LanguageModelEntry, system: string, prompt: string): Promise<string> {
  try {
    const { text } = await generateText({
      model: llm.model,
      system,
      prompt,
      temperature: 0,
      abortSignal: AbortSignal.timeout(MODEL_TIMEOUT_MS),
    });
    return text;
  } catch (error) {
    console.error(`The language model ${llm.id} failed:`, error);
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw timedOut
      ? appError(
          "timeout",
          `The language model ${llm.id} did not answer within ${MODEL_TIMEOUT_MS / 1000} s.`,
        )
      : appError(
          "network",
          `The language model ${llm.id} failed to answer; the error was logged. Try again.`,
        );
  }
}

/** The catalog, its policies' hidden columns, and the organization's name, read once per question. */
async function askContext(ctx: ActionCtx, acting: ConsoleActing) {
  const { organizationId } = acting;
  const [context, organizationName] = await Promise.all([
    loadLookupContext(ctx, organizationId),
    ctx.runQuery(internal.system.conversationRecords.organizationName, { organizationId }),
  ]);
  const catalog = await withConnector(
    ctx,
    { organizationId, actor: acting.actor, operation: "list_tables", preloaded: context.dataSource },
    async (connector) => ({ result: await cachedCatalog(connector) }),
  );
  return {
    organizationName: organizationName ?? "the organization",
    catalogText: catalogForModel(catalog, context.policies),
    hidden: hiddenColumnNames(catalog, context.policies),
  };
}

/** The SQL the model writes for the question; nothing runs. Counts against the console's rate limit. */
export async function draftSql(ctx: ActionCtx, acting: ConsoleActing, question: string): Promise<Draft> {
  const asked = checkQuestion(question);
  const llm = requireProviderModel();
  await enforceRateLimit(ctx, "sqlConsole", acting.organizationId);
  const { organizationName, catalogText } = await askContext(ctx, acting);
  const text = await complete(llm, draftInstructions(organizationName), draftPrompt(asked, catalogText));
  return { sql: extractSql(text), modelId: llm.id };
}

export interface Answered {
  page: ConsolePage;
  answer: string;
  /** Result columns named like a hidden column: their values were not sent to the model. */
  withheldColumns: string[];
}

/** Runs the (reviewed) statement as the console does, then answers the question in one sentence. */
export async function runAndAnswer(
  ctx: ActionCtx,
  acting: ConsoleActing,
  request: {
    question: string;
    sql: string;
    params?: (string | number | boolean | null)[];
    pageSize: number;
    runId: string;
  },
): Promise<Answered> {
  const asked = checkQuestion(request.question);
  const llm = requireProviderModel();
  const page = await runConsolePage(ctx, acting, {
    sql: request.sql,
    ...(request.params === undefined ? {} : { params: request.params }),
    pageSize: request.pageSize,
    page: 0,
    runId: request.runId,
  });
  const { hidden } = await askContext(ctx, acting);
  const { prompt, withheld } = answerPrompt(asked, request.sql, page, hidden);
  const text = await complete(llm, answerInstructions(), prompt);
  return { page, answer: firstSentence(text), withheldColumns: withheld };
}
