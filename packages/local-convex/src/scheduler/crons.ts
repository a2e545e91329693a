import { jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Engine } from "../engine/engine.ts";
import type { LogStream } from "../logs/log-stream.ts";
import { nextRun, type CronSchedule } from "./cron-schedule.ts";

interface CronJob {
  name: string;
  args: JSONValue[];
  schedule: CronSchedule;
}

/** The jobs registered on the `cronJobs()` object that `crons.ts` exports. */
export function cronJobsOf(cronsExport: unknown): Map<string, CronJob> {
  const crons = (cronsExport as { crons?: Record<string, CronJob> } | undefined)?.crons ?? {};
  return new Map(Object.entries(crons));
}

/**
 * Runs `crons.ts` jobs on their schedule (convex-test does not read crons.ts). Like a deployment, a
 * run that is still going when the next is due is not started twice; missed runs while the server
 * was down are not replayed.
 */
export class CronRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly jobs: Map<string, CronJob>,
    private readonly logs: LogStream,
  ) {}

  start(): void {
    for (const [id, job] of this.jobs) this.arm(id, job, Date.now());
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(id: string, job: CronJob, after: number): void {
    if (this.stopped) return;
    const at = nextRun(job.schedule, after);
    if (at === null) return;
    const delay = Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1);
    this.timers.set(
      id,
      setTimeout(() => {
        void this.runJob(id, job).finally(() => this.arm(id, job, Math.max(at, Date.now())));
      }, delay),
    );
  }

  private async runJob(id: string, job: CronJob): Promise<void> {
    const args = (jsonToConvex(job.args[0] ?? {}) ?? {}) as Record<string, Value>;
    const result = await this.engine.run("any", job.name, args, null, { caller: "system", logAs: "cron" });
    if (!result.ok)
      this.logs.write({
        udfPath: job.name,
        kind: "cron",
        level: "FAILURE",
        message: `cron "${id}": ${result.errorMessage}`,
      });
  }
}
