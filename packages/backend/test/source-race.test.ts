// The two sources of an answer run at once, each under its own hard timeout; one failing or hanging
// never delays or hides the other.
import { describe, expect, it } from "vitest";
import { runBoth, SourceTimeout } from "../convex/agent/sourceRace.ts";

const after =
  <T>(ms: number, value: T) =>
  () =>
    new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const failAfter = (ms: number) => () =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error("connection refused")), ms));

async function clock<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

describe("runBoth", () => {
  it("takes as long as the slower source, not the sum", async () => {
    const [[db, kb], total] = await clock(() =>
      runBoth(after(400, "rows"), after(400, "passages"), { timeoutMs: 5_000, sequential: false }),
    );
    expect(db).toMatchObject({ ok: true, value: "rows" });
    expect(kb).toMatchObject({ ok: true, value: "passages" });
    expect(total).toBeLessThan(700); // sequential would be ≥ 800
    const [, sequentialTotal] = await clock(() =>
      runBoth(after(400, "rows"), after(400, "passages"), { timeoutMs: 5_000, sequential: true }),
    );
    expect(sequentialTotal).toBeGreaterThanOrEqual(790);
  });

  it("a hanging knowledge base is cut off at its timeout; the database answer is kept", async () => {
    const [[db, kb], total] = await clock(() =>
      runBoth(after(100, "rows"), after(60_000, "late"), { timeoutMs: 500, sequential: false }),
    );
    expect(db).toMatchObject({ ok: true, value: "rows" });
    expect(kb.ok).toBe(false);
    expect(!kb.ok && kb.error).toBeInstanceOf(SourceTimeout);
    expect(total).toBeLessThan(5_000);
  });

  it("a failing database is a result, and the knowledge base still answers", async () => {
    const [db, kb] = await runBoth(failAfter(50), after(200, "passages"), {
      timeoutMs: 5_000,
      sequential: false,
    });
    expect(db.ok).toBe(false);
    expect(!db.ok && String(db.error)).toMatch(/connection refused/);
    expect(kb).toMatchObject({ ok: true, value: "passages" });
  });
});
