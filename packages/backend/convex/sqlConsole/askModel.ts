import { languageModelFromEnv, type LanguageModelEntry } from "@answerbase/models/language";
import { v, type Infer } from "convex/values";
import { appError } from "../lib/errors";

/*
 * "Ask in English" needs a model that writes SQL. The offline model is a fixed set of support rules
 * (it composes replies from lookup results and writes no SQL), so with it the page and `POST /v1/ask`
 * refuse with `provider_model_required` instead of pretending.
 */

export const vAskModel = v.union(
  v.object({ kind: v.literal("provider"), modelId: v.string() }),
  v.object({ kind: v.literal("offline"), modelId: v.string(), reason: v.string() }),
);
export type AskModel = Infer<typeof vAskModel>;

const NEEDS_PROVIDER =
  "Ask in English needs a provider language model: this deployment runs the offline model, which answers customers by fixed rules and cannot write SQL. Set LANGUAGE_MODEL (e.g. openai/gpt-4.1-mini) and the provider's API key on the deployment.";

/** Which model the ask would use; no network (only the environment is read). */
export function askModelStatus(): AskModel {
  const entry = languageModelFromEnv(process.env, { warn: () => undefined });
  return entry.offline
    ? { kind: "offline", modelId: entry.id, reason: NEEDS_PROVIDER }
    : { kind: "provider", modelId: entry.id };
}

/** The provider model, or `provider_model_required` saying why not. */
export function requireProviderModel(): LanguageModelEntry {
  const entry = languageModelFromEnv();
  if (entry.offline) throw appError("provider_model_required", NEEDS_PROVIDER);
  return entry;
}
