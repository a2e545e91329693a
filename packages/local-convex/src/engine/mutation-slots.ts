/**
 * At most `size` client mutations execute at once; the others wait their turn, first come first served.
 *
 * Why: local-convex runs every transaction's JavaScript on one thread, so N concurrent mutations
 * interleave at each `await` and each one's window (from its first read to its commit) grows with N.
 * Optimistic concurrency conflicts on writes inside that window, so 100 widget messages at once (two per
 * conversation) conflicted far more than on a deployment, where each runs in its own isolate for a few
 * milliseconds: 14 of them ran out of Convex's 4 retries (`pnpm bench widget-load`). With 16 slots (the
 * concurrency cap of Convex's Starter plan) 8 still did; with 4, none, and conflicts still happen and are
 * retried (103 in that bench, and the 50-writer test's). Queries, actions and scheduled functions are
 * not queued (a mutation never waits for one of them, so this cannot deadlock).
 */
export class MutationSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Client mutations executing at once (see above for why 4, not a deployment's 16 or more). */
export const MUTATION_SLOTS = 4;
