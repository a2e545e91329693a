"use node";

import { embeddingModelFromEnv, type EmbeddingModelEntry } from "@answerbase/models";
import { RAG } from "@convex-dev/rag";
import { components } from "../_generated/api";
import type { Id } from "../_generated/dataModel";

/*
 * The retrieval index: @convex-dev/rag with the embedding model chosen by the environment
 * (EMBEDDING_MODEL; offline by default). rag keeps one namespace version per model and dimension, so
 * switching models re-indexes instead of mixing vectors; the model id is also part of every row hash.
 * Node only (the offline model runs TensorFlow.js).
 */

export type ScopeFilters = { scope: string };

let current: { key: string; entry: EmbeddingModelEntry; rag: RAG<ScopeFilters> } | undefined;

/** One model and one RAG client per process and configuration (the offline model loads once). */
export function knowledgeIndex() {
  const key = `${process.env.EMBEDDING_MODEL ?? ""}|${process.env.EMBEDDING_DIMENSIONS ?? ""}`;
  if (current?.key !== key) {
    const entry = embeddingModelFromEnv();
    current = {
      key,
      entry,
      rag: new RAG<ScopeFilters>(components.rag, {
        textEmbeddingModel: entry.model,
        embeddingDimension: entry.dimension,
        filterNames: ["scope"],
      }),
    };
  }
  return current;
}

export function organizationNamespace(organizationId: Id<"organizations">): string {
  return `org:${organizationId}`;
}

/** Platform-wide help every organization's search falls back to. */
export const GLOBAL_NAMESPACE = "global";
