import { z } from "zod";
import { isRagDimension, RAG_DIMENSIONS } from "./embedding-model-entry.ts";

export const EMBEDDING_PROVIDERS = ["openai", "google", "bedrock"] as const;
export type EmbeddingProvider = (typeof EMBEDDING_PROVIDERS)[number];

/** What `EMBEDDING_MODEL` asks for. */
export type EmbeddingModelSpec =
  { kind: "offline" } | { kind: "test" } | { kind: "provider"; provider: EmbeddingProvider; modelId: string };

const EMBEDDING_MODEL_FORMS = `"offline", "test" or "<provider>/<model>" with provider ${EMBEDDING_PROVIDERS.join(", ")} (e.g. "openai/text-embedding-3-small")`;

function parseSpec(value: string, ctx: z.RefinementCtx): EmbeddingModelSpec {
  if (value === "offline" || value === "test") return { kind: value };
  const slash = value.indexOf("/");
  const provider = value.slice(0, slash);
  const modelId = value.slice(slash + 1);
  if (slash > 0 && modelId && (EMBEDDING_PROVIDERS as readonly string[]).includes(provider))
    return { kind: "provider", provider: provider as EmbeddingProvider, modelId };
  ctx.addIssue({ code: "custom", message: `expected ${EMBEDDING_MODEL_FORMS}, got "${value}"` });
  return z.NEVER;
}

export const LANGUAGE_PROVIDERS = ["openai", "anthropic", "google", "bedrock"] as const;
export type LanguageProvider = (typeof LANGUAGE_PROVIDERS)[number];

/** What `LANGUAGE_MODEL` asks for. */
export type LanguageModelSpec =
  { kind: "offline" } | { kind: "provider"; provider: LanguageProvider; modelId: string };

const LANGUAGE_MODEL_FORMS = `"offline" or "<provider>/<model>" with provider ${LANGUAGE_PROVIDERS.join(", ")} (e.g. "openai/gpt-4.1-mini")`;

function parseLanguageSpec(value: string, ctx: z.RefinementCtx): LanguageModelSpec {
  if (value === "offline") return { kind: "offline" };
  const slash = value.indexOf("/");
  const provider = value.slice(0, slash);
  const modelId = value.slice(slash + 1);
  if (slash > 0 && modelId && (LANGUAGE_PROVIDERS as readonly string[]).includes(provider))
    return { kind: "provider", provider: provider as LanguageProvider, modelId };
  ctx.addIssue({ code: "custom", message: `expected ${LANGUAGE_MODEL_FORMS}, got "${value}"` });
  return z.NEVER;
}

// Blank values (`KEY=` in a .env file) mean "not set".
const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optionalString = z.preprocess(blankAsUnset, z.string().trim().optional());

/** The variables this package reads; all optional. See packages/models/.env.example. */
const ModelsEnvSchema = z.object({
  /** Which embedding model to use; default "offline". */
  EMBEDDING_MODEL: z.preprocess(blankAsUnset, z.string().trim().default("offline").transform(parseSpec)),
  /** Shorter vectors from models that support it (OpenAI text-embedding-3-*, Gemini, Titan v2), or the size of a model not in the table. */
  EMBEDDING_DIMENSIONS: z.preprocess(
    blankAsUnset,
    z.coerce
      .number()
      .int()
      .refine(isRagDimension, {
        message: `expected one of ${RAG_DIMENSIONS.join(", ")} (what rag can store)`,
      })
      .optional(),
  ),
  /** Worker threads for the offline embedder (default: one per core); 0 embeds on the calling thread. */
  OFFLINE_EMBEDDING_WORKERS: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).optional()),
  /** Which language model answers customers; default "offline" (the deterministic support model). */
  LANGUAGE_MODEL: z.preprocess(
    blankAsUnset,
    z.string().trim().default("offline").transform(parseLanguageSpec),
  ),
  OPENAI_API_KEY: optionalString,
  /** An OpenAI-compatible endpoint instead of https://api.openai.com/v1. */
  OPENAI_BASE_URL: z.preprocess(blankAsUnset, z.url().optional()),
  ANTHROPIC_API_KEY: optionalString,
  /** An Anthropic-compatible endpoint instead of https://api.anthropic.com/v1. */
  ANTHROPIC_BASE_URL: z.preprocess(blankAsUnset, z.url().optional()),
  GOOGLE_GENERATIVE_AI_API_KEY: optionalString,
  AWS_REGION: optionalString,
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,
  AWS_SESSION_TOKEN: optionalString,
  /** A Bedrock API key; used instead of the access key pair when set. */
  AWS_BEARER_TOKEN_BEDROCK: optionalString,
});

export type ModelsEnv = z.infer<typeof ModelsEnvSchema>;

/** Validates the variables above, naming each bad one (never its value: some are secrets). */
export function readModelsEnv(source: Record<string, string | undefined> = process.env): ModelsEnv {
  const parsed = ModelsEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid model environment:\n${problems}\nSee packages/models/README.md.`);
  }
  return parsed.data;
}
