import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useQuery } from "convex/react";
import { useEffect, useState } from "react";

/*
 * The agent's replies still being written in a thread, with their text so far. It reads the agent's
 * streaming protocol the way the widget's use-thread does (list the open streams, then fetch each one's
 * deltas from a cursor) rather than @convex-dev/agent/react: the inbox needs only the text. The list
 * holds streams still `streaming`; the mutation that saves the final message also finishes its stream,
 * so a reply leaves this list in the same update that adds it to the thread: it shows exactly once.
 */

export interface StreamingReply {
  streamId: string;
  /** The prompt's `order`: the reply belongs to that turn. */
  order: number;
  text: string;
}

type Args = { organizationId: Id<"organizations">; conversationId: Id<"conversations"> };
type Progress = Record<string, { cursor: number; text: string }>;

const NO_PAGE = { cursor: null, numItems: 0 };

function textOf(parts: unknown[]): string {
  let text = "";
  for (const part of parts as { type?: string; delta?: string }[]) {
    if (part.type === "text-delta") text += part.delta ?? "";
  }
  return text;
}

export function useStreamingReplies(args: Args): StreamingReply[] {
  const listed = useQuery(api.private.conversations.messages, {
    ...args,
    paginationOpts: NO_PAGE,
    streamArgs: { kind: "list", startOrder: 0 },
  });
  const open = listed?.streams?.kind === "list" ? listed.streams.messages : [];
  const [progress, setProgress] = useState<Progress>({});
  const cursors = open.map(({ streamId }) => ({ streamId, cursor: progress[streamId]?.cursor ?? 0 }));
  const deltas = useQuery(
    api.private.conversations.messages,
    cursors.length === 0
      ? "skip"
      : { ...args, paginationOpts: NO_PAGE, streamArgs: { kind: "deltas", cursors } },
  );
  useEffect(() => {
    if (deltas?.streams?.kind !== "deltas" || deltas.streams.deltas.length === 0) return;
    const incoming = [...deltas.streams.deltas].sort((a, b) => a.start - b.start);
    setProgress((previous) => {
      const next = { ...previous };
      for (const delta of incoming) {
        const current = next[delta.streamId] ?? { cursor: 0, text: "" };
        // Skip what was already applied; a gap is filled by the next query from the cursor.
        if (delta.start !== current.cursor) continue;
        next[delta.streamId] = { cursor: delta.end, text: current.text + textOf(delta.parts) };
      }
      return next;
    });
  }, [deltas]);

  return open.map(({ streamId, order }) => ({ streamId, order, text: progress[streamId]?.text ?? "" }));
}
