import { describe, expect, it } from "vitest";
import { createRestartBackoff, HEALTHY_UPTIME_MS } from "../src/cli/restart-backoff.ts";

describe("restarting a crashed dev server", () => {
  it("waits 0.5 s, 1 s, 2 s … at most 10 s while it keeps crashing, and starts over after a healthy minute", () => {
    const backoff = createRestartBackoff();
    const crashAtStart = () => backoff.delayAfterCrash(200);
    expect(Array.from({ length: 7 }, crashAtStart)).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
    expect(backoff.delayAfterCrash(HEALTHY_UPTIME_MS)).toBe(500);
    expect(crashAtStart()).toBe(1_000);
  });
});
