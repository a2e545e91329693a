import type { StreamingText } from "@answerbase/streaming-text";
import { BotIcon } from "lucide-react";
import { Markdown } from "./markdown";

function TypingDots() {
  return (
    <span className="flex h-5 items-center gap-1" aria-hidden>
      {["[animation-delay:-0.3s]", "[animation-delay:-0.15s]", ""].map((delay) => (
        <span
          key={delay}
          className={`size-1.5 animate-bounce rounded-full bg-muted-foreground/70 motion-reduce:animate-none ${delay}`}
        />
      ))}
    </span>
  );
}

/**
 * The agent's reply while it is being written: its text so far (or typing dots before the first
 * words, e.g. while the agent looks something up) under a pulsing "writing" label. The saved message
 * takes its place once the turn ends.
 */
export function StreamingReplyBubble({ reply }: { reply: StreamingText }) {
  return (
    <div className="grid max-w-[85%] gap-1 justify-self-end" data-testid="streaming-reply" aria-busy="true">
      <span className="flex items-center justify-end gap-1.5 text-xs text-muted-foreground">
        <BotIcon className="size-3" /> Agent ·
        <span
          role="status"
          className="animate-pulse text-primary motion-reduce:animate-none"
          data-testid="streaming-indicator"
        >
          {reply.text === "" ? "typing…" : "writing…"}
        </span>
      </span>
      <div className="rounded-lg border border-dashed bg-card px-3 py-2">
        {reply.text === "" ? <TypingDots /> : <Markdown text={reply.text} testId="streaming-text" />}
      </div>
    </div>
  );
}
