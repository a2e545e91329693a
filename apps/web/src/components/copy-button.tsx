"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { toast } from "@answerbase/ui/sonner";

/** Copies `text` to the clipboard with a toast; says so when the browser blocks it. */
export function CopyButton({
  text,
  label = "Copy",
  testId,
}: {
  text: string;
  label?: string;
  testId?: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
      toast.success("Copied");
    } catch {
      toast.error("Copying was blocked by the browser: select the text and copy it by hand.");
    }
  };
  return (
    <Button type="button" variant="outline" size="sm" onClick={() => void copy()} data-testid={testId}>
      {copied ? <CheckIcon /> : <CopyIcon />} {label}
    </Button>
  );
}

/** A block of code with a copy button above it. */
export function CodeBlock({ code, title, testId }: { code: string; title?: string; testId?: string }) {
  return (
    <div className="grid gap-1.5" data-testid={testId}>
      <div className="flex items-center justify-between gap-2">
        {title ? <span className="text-sm font-medium">{title}</span> : <span />}
        <CopyButton text={code} {...(testId ? { testId: `${testId}-copy` } : {})} />
      </div>
      <pre className="overflow-x-auto rounded-md border bg-muted/50 p-3 font-mono text-xs leading-relaxed">
        <code data-testid={testId ? `${testId}-code` : undefined}>{code}</code>
      </pre>
    </div>
  );
}
