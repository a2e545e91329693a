import { RAG } from "@convex-dev/rag";
import { v } from "convex/values";
import { components } from "./_generated/api";
import { action } from "./_generated/server";
import { EMBEDDING_DIMENSION, hashEmbeddingModel } from "./lib/models";

const rag = new RAG(components.rag, {
  textEmbeddingModel: hashEmbeddingModel,
  embeddingDimension: EMBEDDING_DIMENSION,
});

export const add = action({
  args: { namespace: v.string(), key: v.string(), text: v.string() },
  returns: v.string(),
  handler: async (ctx, args) => {
    const { entryId } = await rag.add(ctx, args);
    return entryId;
  },
});

export const search = action({
  args: { namespace: v.string(), query: v.string() },
  returns: v.object({ text: v.string(), keys: v.array(v.string()) }),
  handler: async (ctx, { namespace, query }) => {
    const { text, entries } = await rag.search(ctx, { namespace, query, limit: 2 });
    return { text, keys: entries.map((e) => e.key ?? "") };
  },
});
