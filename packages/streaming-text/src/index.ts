export {
  applyDeltas,
  deltaCursors,
  deltaText,
  streamingTexts,
  type StreamProgress,
  type StreamingText,
} from "./stream-texts.ts";
export { useStreamingTexts, type StreamQuery, type StreamQueryArgs } from "./use-streaming-texts.ts";
