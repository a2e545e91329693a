import { MessageCircleIcon, SendIcon, XIcon } from "lucide-react";
import { cn } from "@answerbase/ui/lib/utils";
import type { Position } from "@/components/widget/settings-form";

/** Black or white text, whichever reads better on `hex`. */
function textOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255 > 0.6 ? "#111827" : "#ffffff";
}

/** A static mock of the widget on a page: the open panel above the launcher, in the chosen corner. */
export function WidgetPreview({
  greeting,
  suggestions,
  color,
  position,
}: {
  greeting: string;
  suggestions: string[];
  color: string;
  position: Position;
}) {
  const fg = textOn(color);
  const left = position === "bottom-left";
  return (
    <div
      className="relative h-[26rem] overflow-hidden rounded-lg border bg-muted/40"
      data-testid="widget-preview"
      data-color={color}
      data-position={position}
      aria-label="Widget preview"
    >
      <div className="grid gap-2 p-4 opacity-50" aria-hidden>
        <div className="h-3 w-1/3 rounded bg-muted-foreground/30" />
        <div className="h-2 w-2/3 rounded bg-muted-foreground/20" />
        <div className="h-2 w-1/2 rounded bg-muted-foreground/20" />
      </div>
      <div
        className={cn(
          "absolute bottom-20 w-72 overflow-hidden rounded-xl border bg-background shadow-lg",
          left ? "left-4" : "right-4",
        )}
      >
        <div
          className="flex items-center justify-between px-3 py-2 text-sm font-medium"
          style={{ background: color, color: fg }}
        >
          Chat with us
          <XIcon className="size-4" />
        </div>
        <div className="grid gap-2 p-3 text-sm">
          <div className="max-w-[85%] rounded-lg bg-muted px-3 py-2" data-testid="widget-preview-greeting">
            {greeting}
          </div>
          {suggestions.length > 0 && (
            <div className="flex flex-wrap gap-1.5">
              {suggestions.map((s, i) => (
                <span
                  key={i}
                  className="rounded-full border px-2.5 py-1 text-xs"
                  style={{ borderColor: color, color }}
                >
                  {s}
                </span>
              ))}
            </div>
          )}
        </div>
        <div className="flex items-center gap-2 border-t px-3 py-2 text-xs text-muted-foreground">
          <span className="flex-1">Type your question…</span>
          <SendIcon className="size-4" style={{ color }} />
        </div>
      </div>
      <div
        className={cn(
          "absolute bottom-4 flex size-12 items-center justify-center rounded-full shadow-lg",
          left ? "left-4" : "right-4",
        )}
        style={{ background: color, color: fg }}
        data-testid="widget-preview-launcher"
      >
        <MessageCircleIcon className="size-5" />
      </div>
    </div>
  );
}
