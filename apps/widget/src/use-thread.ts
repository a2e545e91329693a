import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { usePaginatedQuery, useQuery } from "convex/react";
import { useEffect, useMemo, useState } from "react";

/*
 * A conversation's messages with the agent's reply streaming in. @convex-dev/agent/react's
 * useThreadMessages does this too, but it pulls in the `ai` package and zod (~100 KB gzipped) to rebuild
 * UI messages; the widget needs only text, so it reads the same protocol (`streamArgs` list → deltas by
 * cursor) and joins the text deltas itself.
 */

export interface ThreadRow {
  key: string;
  id: string | null;
  role: "user" | "assistant";
  order: number;
  stepOrder: number;
  text: string;
  streaming: boolean;
}

type Args = { sessionToken: string; conversationId: Id<"conversations"> };
type DeltaPart = { type?: string; delta?: string; text?: string };

function deltaText(parts: unknown[]): string {
  let text = "";
  for (const part of parts as DeltaPart[]) {
    if (part.type === "text-delta") text += part.delta ?? part.text ?? "";
  }
  return text;
}

export function useThread(args: Args | "skip"): { rows: ThreadRow[]; loading: boolean } {
  const stored = usePaginatedQuery(api.public.messages.list, args, { initialNumItems: 40 });
  const noPage = { cursor: null, numItems: 0 };
  const list = useQuery(
    api.public.messages.list,
    args === "skip"
      ? "skip"
      : { ...args, paginationOpts: noPage, streamArgs: { kind: "list", startOrder: 0 } },
  );
  const active = list?.streams?.kind === "list" ? list.streams.messages : [];
  const [texts, setTexts] = useState<Record<string, { cursor: number; text: string }>>({});
  const cursors = active.map(({ streamId }) => ({ streamId, cursor: texts[streamId]?.cursor ?? 0 }));
  const deltas = useQuery(
    api.public.messages.list,
    args === "skip" || cursors.length === 0
      ? "skip"
      : { ...args, paginationOpts: noPage, streamArgs: { kind: "deltas", cursors } },
  );
  useEffect(() => {
    if (deltas?.streams?.kind !== "deltas" || deltas.streams.deltas.length === 0) return;
    const incoming = deltas.streams.deltas;
    setTexts((previous) => {
      const next = { ...previous };
      for (const delta of [...incoming].sort((a, b) => a.start - b.start)) {
        const current = next[delta.streamId] ?? { cursor: 0, text: "" };
        if (delta.start !== current.cursor) continue; // already applied, or a gap the next query fills
        next[delta.streamId] = { cursor: delta.end, text: current.text + deltaText(delta.parts) };
      }
      return next;
    });
  }, [deltas]);

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
        text: texts[stream.streamId]?.text ?? "",
        streaming: stream.status === "streaming",
      }));
    return [...saved, ...streaming].sort((a, b) => a.order - b.order || a.stepOrder - b.stepOrder);
  }, [stored.results, active, texts]);
  return { rows, loading: stored.status === "LoadingFirstPage" && args !== "skip" };
}
