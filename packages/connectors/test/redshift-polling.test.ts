import { describe, expect, it } from "vitest";
import { nextPollPause } from "../src/redshift/redshift-executor.ts";

/** When polling first sees a statement that ends `endsAtMs` after it was sent (polls take no time). */
function seenAt(endsAtMs: number): { seenMs: number; polls: number } {
  let elapsed = 0;
  let polls = 1; // the first DescribeStatement goes out at once
  let pause: number | undefined;
  while (elapsed < endsAtMs) {
    pause = nextPollPause(pause, elapsed);
    elapsed += pause;
    polls++;
  }
  return { seenMs: elapsed, polls };
}

describe("Redshift Data API polling", () => {
  it("sees a statement of a few hundred ms within 100 ms of its end", () => {
    for (const endsAt of [5, 40, 180, 320, 700, 1_500]) {
      const { seenMs } = seenAt(endsAt);
      expect(seenMs - endsAt).toBeLessThanOrEqual(100);
    }
    // Doubling alone saw the 320 ms statement at 630 ms.
    expect(seenAt(320).seenMs).toBeLessThan(450);
  });

  it("backs off to 500 ms between polls once a statement runs longer than 2 s", () => {
    const { polls } = seenAt(60_000);
    // 2 s at ≤ 100 ms apart (~25 polls), then one poll per 500 ms for the other 58 s (~116).
    expect(polls).toBeLessThan(150);
    expect(nextPollPause(400, 5_000)).toBe(500);
    expect(nextPollPause(100, 1_000)).toBe(100);
  });
});
