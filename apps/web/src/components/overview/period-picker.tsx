import { useRef, type KeyboardEvent } from "react";
import { cn } from "@answerbase/ui/lib/utils";
import { PERIODS, type Period } from "./overview-format";

/** 7 / 14 / 30 days as a radio group: Tab reaches the chosen one, arrow keys move between them. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (event: KeyboardEvent, index: number) => {
    const step =
      event.key === "ArrowRight" || event.key === "ArrowDown"
        ? 1
        : event.key === "ArrowLeft" || event.key === "ArrowUp"
          ? -1
          : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + PERIODS.length) % PERIODS.length;
    onChange(PERIODS[next]!);
    buttons.current[next]?.focus();
  };
  return (
    <div
      role="radiogroup"
      aria-label="Period"
      className="inline-flex h-9 items-center rounded-lg bg-muted p-1 text-muted-foreground"
    >
      {PERIODS.map((period, index) => {
        const checked = period === value;
        return (
          <button
            key={period}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            onClick={() => onChange(period)}
            onKeyDown={(event) => move(event, index)}
            data-testid={`overview-period-${period}`}
            className={cn(
              "h-full rounded-md px-3 text-sm font-medium whitespace-nowrap outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
              checked && "bg-background text-foreground shadow-sm",
            )}
          >
            {period} days
          </button>
        );
      })}
    </div>
  );
}
