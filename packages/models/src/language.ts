// The language-model side alone: no embedding models, no TensorFlow.js, no Node built-ins, so the
// support agent can import it from Convex's default runtime as well as from a Node action.
export {
  languageModelFromEnv,
  type LanguageModelEntry,
  type LanguageModelFromEnvOptions,
} from "./language-model-from-env.ts";
export {
  offlineLanguageModel,
  OfflineLanguageModel,
  OFFLINE_LANGUAGE_MODEL_ID,
} from "./offline-language-model/offline-language-model.ts";
export {
  SUPPORT_TOOL_NAMES,
  SUPPORT_TOOL_DESCRIPTIONS,
  ACTION_TOOL_PREFIX,
  actionResultSchema,
  type ActionResult,
  lookupInputSchema,
  escalateInputSchema,
  resolveInputSchema,
  lookupCellSchema,
  lookupRowSetSchema,
  lookupPassageSchema,
  lookupResultSchema,
  type SupportToolName,
  type LookupInput,
  type EscalateInput,
  type ResolveInput,
  type LookupCell,
  type LookupRowSet,
  type LookupPassage,
  type LookupResult,
} from "./support-tools.ts";
