"use client";

import { useEffect, useState } from "react";
import { cn } from "@answerbase/ui/lib/utils";
import { timeLeft } from "./run-view";

/** Time left before a pending run expires, ticking each second; red in its last five minutes. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span
      className={cn(
        "text-xs tabular-nums",
        expiresAt - now < 5 * 60_000 ? "text-destructive" : "text-muted-foreground",
      )}
      title={new Date(expiresAt).toLocaleString()}
      data-testid="approval-expiry"
    >
      {timeLeft(expiresAt, now)}
    </span>
  );
}
