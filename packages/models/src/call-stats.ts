import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { withDoEmbed } from "./with-do-embed.ts";

/** Counters of the calls an embedding model received, e.g. to assert "no embedding calls" on re-ingestion. */
export interface EmbeddingCallStats {
  /** `doEmbed` calls (one per batch: `embedMany` of 100 texts with 64 per call is 2 calls). */
  readonly calls: number;
  /** Texts embedded over all calls. */
  readonly values: number;
  reset(): void;
}

/** Wraps a model so that every `doEmbed` call is counted (also calls that fail). */
export function countEmbeddingCalls(model: EmbeddingModelV3): {
  model: EmbeddingModelV3;
  stats: EmbeddingCallStats;
} {
  const counters = { calls: 0, values: 0 };
  const stats: EmbeddingCallStats = {
    get calls() {
      return counters.calls;
    },
    get values() {
      return counters.values;
    },
    reset() {
      counters.calls = 0;
      counters.values = 0;
    },
  };
  const counted = withDoEmbed(model, (options) => {
    counters.calls++;
    counters.values += options.values.length;
    return model.doEmbed(options);
  });
  return { model: counted, stats };
}
