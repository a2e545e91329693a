import type { ReactNode } from "react";
import { Button } from "@answerbase/ui/button";

/**
 * A few mutually exclusive choices as a row of buttons (role radio, the chosen one filled), with a
 * label above and, where given, a line about the chosen one below. Each button's test id is `${testId}-${value}`.
 */
export function ChoiceButtons<T extends string>({
  label,
  options,
  value,
  onChange,
  hint,
  hintTestId,
  testId,
}: {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  /** About the chosen one; left out where the labels say it all. */
  hint?: ReactNode;
  hintTestId?: string;
  testId: string;
}) {
  return (
    <div className="grid gap-1.5">
      <span className="text-sm font-medium">{label}</span>
      <div className="flex flex-wrap gap-2" role="radiogroup" aria-label={label}>
        {options.map((option) => (
          <Button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={value === option.value}
            variant={value === option.value ? "default" : "outline"}
            size="sm"
            onClick={() => onChange(option.value)}
            data-testid={`${testId}-${option.value}`}
          >
            {option.label}
          </Button>
        ))}
      </div>
      {hint !== undefined && (
        <p className="text-xs text-muted-foreground" data-testid={hintTestId}>
          {hint}
        </p>
      )}
    </div>
  );
}
