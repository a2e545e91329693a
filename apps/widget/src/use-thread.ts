import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useStreamingTexts } from "@answerbase/streaming-text";
import { usePaginatedQuery } from "convex/react";
import { useMemo } from "react";

/* A conversation's saved messages with the agent's reply streaming in after them. */

export interface ThreadRow {
  key: string;
  id: string | null;
  role: "user" | "assistant";
  order: number;
  stepOrder: number;
  /** When it was saved (a reply still streaming: now), to place operators' join and leave lines. */
  at: number;
  text: string;
  streaming: boolean;
}

type Args = { sessionToken: string; conversationId: Id<"conversations"> };

export function useThread(args: Args | "skip"): { rows: ThreadRow[]; loading: boolean } {
  const stored = usePaginatedQuery(api.public.messages.list, args, { initialNumItems: 40 });
  const active = useStreamingTexts(api.public.messages.list, args);

  const rows = useMemo(() => {
    const saved: ThreadRow[] = stored.results
      .filter((doc) => doc.message?.role === "user" || doc.message?.role === "assistant")
      .map((doc) => ({
        key: doc._id,
        id: doc._id,
        role: doc.message?.role === "user" ? ("user" as const) : ("assistant" as const),
        order: doc.order,
        text: doc.text ?? "",
        streaming: false,
        stepOrder: doc.stepOrder,
        at: doc._creationTime,
      }))
      .reverse();
    const savedSteps = new Set(saved.map((row) => `${row.order}:${row.stepOrder}`));
    const streaming: ThreadRow[] = active
      .filter((stream) => !savedSteps.has(`${stream.order}:${stream.stepOrder}`))
      .map((stream) => ({
        key: stream.streamId,
        id: null,
        role: "assistant" as const,
        order: stream.order,
        stepOrder: stream.stepOrder,
        at: Number.POSITIVE_INFINITY,
        text: stream.text,
        streaming: stream.status === "streaming",
      }));
    return [...saved, ...streaming].sort((a, b) => a.order - b.order || a.stepOrder - b.stepOrder);
  }, [stored.results, active]);
  return { rows, loading: stored.status === "LoadingFirstPage" && args !== "skip" };
}
