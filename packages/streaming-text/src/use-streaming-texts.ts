import type { SyncStreamsReturnValue } from "@convex-dev/agent";
import type { StreamArgs } from "@convex-dev/agent/validators";
import { useQuery } from "convex/react";
import type { FunctionArgs, FunctionReference, PaginationOptions } from "convex/server";
import { useEffect, useMemo, useState } from "react";
import {
  applyDeltas,
  deltaCursors,
  streamingTexts,
  type StreamProgress,
  type StreamingText,
} from "./stream-texts.ts";

/**
 * A thread query that also syncs the agent's streams: `listMessages` for the page and
 * `syncStreams` for `streams`, as the widget's and the dashboard's message queries do.
 */
export type StreamQuery = FunctionReference<
  "query",
  "public",
  { paginationOpts: PaginationOptions; streamArgs?: StreamArgs },
  { streams?: SyncStreamsReturnValue }
>;

/** The query's own arguments (which thread, as whom): the hook adds the page and stream ones. */
export type StreamQueryArgs<Query extends StreamQuery> = Omit<
  FunctionArgs<Query>,
  "paginationOpts" | "streamArgs"
>;

// Streams only: the saved messages are the caller's own paginated query.
const NO_PAGE = { cursor: null, numItems: 0 };
const LIST: StreamArgs = { kind: "list", startOrder: 0 };

/**
 * The agent replies still being written in a thread, with their text so far. It reads the stream
 * protocol itself rather than through @convex-dev/agent/react, which would bring the `ai` package and
 * zod into the bundle to rebuild UI messages that a text bubble does not need.
 *
 * The list holds streams still `streaming` (syncStreams' default); the mutation that saves the final
 * message also finishes its stream, so a reply leaves this list in the same update that adds it to
 * the thread's saved messages.
 */
export function useStreamingTexts<Query extends StreamQuery>(
  query: Query,
  args: StreamQueryArgs<Query> | "skip",
): StreamingText[] {
  // Widened to what both calls rely on; `args` was checked against the query's own arguments above.
  const streamQuery: StreamQuery = query;
  const listed = useQuery(streamQuery, withStreamArgs(args, LIST));
  const streams = listed?.streams?.kind === "list" ? listed.streams.messages : undefined;
  const [progress, setProgress] = useState<StreamProgress>({});
  const cursors = deltaCursors(streams ?? [], progress);
  const synced = useQuery(
    streamQuery,
    cursors.length === 0 ? "skip" : withStreamArgs(args, { kind: "deltas", cursors }),
  );
  useEffect(() => {
    if (synced?.streams?.kind === "deltas") {
      const { deltas } = synced.streams;
      setProgress((previous) => applyDeltas(previous, deltas));
    }
  }, [synced]);
  return useMemo(() => streamingTexts(streams ?? [], progress), [streams, progress]);
}

function withStreamArgs<Query extends StreamQuery>(
  args: StreamQueryArgs<Query> | "skip",
  streamArgs: StreamArgs,
): FunctionArgs<StreamQuery> | "skip" {
  return args === "skip" ? "skip" : { ...args, paginationOpts: NO_PAGE, streamArgs };
}
