"use client";

import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { CopyButton } from "@/components/copy-button";

/** A signing secret right after creation or rotation: shown this once, with copy. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div
      className="grid gap-1.5 rounded-md border border-amber-500/40 bg-amber-500/5 p-3"
      data-testid="webhook-secret-once"
    >
      <span className="text-sm font-medium">Signing secret</span>
      <div className="flex gap-2">
        <Input
          readOnly
          value={secret}
          className="font-mono text-xs"
          aria-label="Webhook signing secret"
          data-testid="webhook-secret"
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={secret} testId="webhook-secret-copy" />
        <Button type="button" variant="ghost" size="sm" onClick={onDone} data-testid="webhook-secret-hide">
          Done
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        Shown once: it cannot be displayed again. Your receiver verifies every request&apos;s
        <code className="mx-1">webhook-signature</code>with it (docs/webhooks.md); rotate it if it leaks.
      </p>
    </div>
  );
}
