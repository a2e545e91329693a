import type { StreamDelta, StreamMessage } from "@convex-dev/agent/validators";

/*
 * The pure half of following an agent reply while it streams. @convex-dev/agent saves a reply's stream
 * as numbered deltas (`start`..`end`); a client lists the open streams, asks for each one's deltas from
 * the cursor it has reached, and joins their text parts. These functions hold that bookkeeping so the
 * React hook stays a thin shell over two queries.
 */

/** Each stream's text so far and the cursor its next delta must start at, by `streamId`. */
export type StreamProgress = Readonly<Record<string, { cursor: number; text: string }>>;

/** One open stream of an agent reply with the text that has arrived for it so far. */
export interface StreamingText extends Pick<StreamMessage, "streamId" | "order" | "stepOrder" | "status"> {
  /** The text deltas joined so far: "" until the first words (e.g. while a tool runs). */
  text: string;
}

type TextPart = { type?: unknown; delta?: unknown; text?: unknown };

/**
 * The text in one delta's parts: only `text-delta` parts count (tool calls, reasoning and step
 * markers do not). A `UIMessageChunk` stream carries it in `delta`, a `TextStreamPart` one in `text`.
 */
export function deltaText(parts: readonly unknown[]): string {
  let text = "";
  for (const part of parts as readonly (TextPart | null)[]) {
    if (part?.type !== "text-delta") continue;
    const piece = part.delta ?? part.text;
    if (typeof piece === "string") text += piece;
  }
  return text;
}

/**
 * `progress` with `deltas` appended, each stream in `start` order. A delta that does not start at its
 * stream's cursor is skipped: before it, it was already applied (a query re-run); after it, there is a
 * gap that the next query, asked from the cursor, fills. Returns `progress` itself when nothing was
 * new, so a React state update with it changes nothing.
 */
export function applyDeltas(progress: StreamProgress, deltas: readonly StreamDelta[]): StreamProgress {
  let next: Record<string, { cursor: number; text: string }> | null = null;
  for (const delta of [...deltas].sort((a, b) => a.start - b.start)) {
    const current = (next ?? progress)[delta.streamId] ?? { cursor: 0, text: "" };
    if (delta.start !== current.cursor) continue;
    next ??= { ...progress };
    next[delta.streamId] = { cursor: delta.end, text: current.text + deltaText(delta.parts) };
  }
  return next ?? progress;
}

/** Where to ask for each open stream's next deltas: its cursor, 0 for a stream not seen before. */
export function deltaCursors(
  streams: readonly Pick<StreamMessage, "streamId">[],
  progress: StreamProgress,
): { streamId: string; cursor: number }[] {
  return streams.map(({ streamId }) => ({ streamId, cursor: progress[streamId]?.cursor ?? 0 }));
}

/** The open streams with their text so far, in the order the stream list gave them. */
export function streamingTexts(streams: readonly StreamMessage[], progress: StreamProgress): StreamingText[] {
  return streams.map(({ streamId, order, stepOrder, status }) => ({
    streamId,
    order,
    stepOrder,
    status,
    text: progress[streamId]?.text ?? "",
  }));
}
