import { AlertTriangleIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@answerbase/ui/button";
import { nextStep, type ErrorInfo } from "@/lib/errors";

/** An error shown where it happened: what failed, why, and what to do next. */
export function ErrorPanel({
  title,
  error,
  onRetry,
  children,
  testId,
}: {
  title: string;
  error: ErrorInfo;
  onRetry?: () => void;
  children?: ReactNode;
  testId?: string;
}) {
  const hint = nextStep(error.code);
  return (
    <div
      role="alert"
      data-testid={testId ?? "error-panel"}
      className="flex gap-3 rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm"
    >
      <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-destructive" />
      <div className="grid gap-1">
        <p className="font-medium">{title}</p>
        <p className="text-muted-foreground">
          {error.message}
          {error.code !== "error" && <span className="ml-1 font-mono text-xs">({error.code})</span>}
        </p>
        {hint && <p>{hint}</p>}
        {children}
        {onRetry && (
          <div>
            <Button size="sm" variant="outline" className="mt-1" onClick={onRetry}>
              Try again
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
