import type { ConnectorEnvironment } from "../environment.ts";
import { setTimeout as sleep } from "node:timers/promises";
import type { TenantCredentials } from "./tenant-credentials.ts";

/**
 * One time budget for every AWS call a connector method makes. The SDKs run with `maxAttempts: 1`
 * and each call gets an AbortSignal for what is left, so retries and polling never outlive the
 * caller's timeout.
 */
export class CallDeadline {
  private readonly end: number;

  constructor(readonly timeoutMs: number) {
    this.end = performance.now() + timeoutMs;
  }

  /** Milliseconds left, never below 1. */
  remaining(): number {
    return Math.max(1, Math.floor(this.end - performance.now()));
  }

  expired(): boolean {
    return performance.now() >= this.end;
  }

  /** Aborts the call when the budget runs out. */
  signal(): AbortSignal {
    return AbortSignal.timeout(this.remaining());
  }
}

/** Waits of the retry loop: 0.5 s, 1 s, 2 s, then 4 s between attempts. */
const BACKOFF_MS = [500, 1000, 2000, 4000];

/** A retry must leave the attempt itself some time, or it only turns a clear error into a timeout. */
const MIN_ATTEMPT_MS = 100;

/**
 * Runs `call`, retrying the failures `retryable` accepts with exponential backoff for as long as the
 * deadline allows; then the last failure is thrown as is (the caller maps it, e.g. to `resuming`).
 */
export async function withBackoff<T>(
  deadline: CallDeadline,
  call: (signal: AbortSignal) => Promise<T>,
  retryable: (error: unknown) => boolean,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(deadline.signal());
    } catch (error) {
      const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 4000;
      if (!retryable(error) || deadline.remaining() < wait + MIN_ATTEMPT_MS) throw error;
      await sleep(wait);
    }
  }
}

/**
 * `work`, or an AbortError as soon as `signal` aborts. The work itself is not cancelled: `onLate`
 * receives it, to undo its effect if it still completes (a transaction begun after the caller gave
 * up must be rolled back, or it holds its snapshot until the Data API's idle timeout).
 */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal,
  onLate: (work: Promise<T>) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onLate(work);
      reject(Object.assign(new Error("The operation was aborted at the deadline."), { name: "AbortError" }));
    };
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The options `awsClientOptions` builds, which both Data API SDK clients accept. */
export interface AwsClientOptions {
  region?: string;
  endpoint?: string;
  credentials: TenantCredentials["provider"];
  maxAttempts: number;
}

/**
 * AWS SDK client options shared by both Data API executors: the environment's endpoint (the local
 * cloud in development), the tenant's assumed-role credentials (never the platform's), and no SDK
 * retries, because ours stay within the caller's deadline.
 */
export function awsClientOptions(
  environment: ConnectorEnvironment,
  region: string | null | undefined,
  credentials: TenantCredentials,
): AwsClientOptions {
  const aws = environment.aws ?? {};
  const resolved = region ?? aws.region;
  return {
    ...(resolved ? { region: resolved } : {}),
    ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
    credentials: credentials.provider,
    maxAttempts: 1,
  };
}
