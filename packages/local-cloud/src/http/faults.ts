import { AwsServiceError } from "./aws-error.ts";

/** The emulated services, as named in fault rules and the admin endpoint. */
export const SERVICES = ["neon", "rds-data", "redshift-data", "secrets-manager", "sts", "iam"] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * A fault to inject into matching requests. `times` limits it to the next N matching requests
 * (omitted = until cleared). Effects apply in order: delay, then drop or error.
 */
export interface FaultRule {
  service: ServiceName | "*";
  /** Operation name (`ExecuteStatement`, `GetSecretValue`, `sql`, `ws`); omitted = any. */
  operation?: string | undefined;
  delayMs?: number | undefined;
  /** Destroy the connection without answering. */
  drop?: boolean | undefined;
  /** Answer with this AWS-style error (or, for Neon, an HTTP error with this message). */
  error?: { type: string; message?: string | undefined; status?: number | undefined } | undefined;
  times?: number | undefined;
}

/** Ready-made errors the real services return and clients must handle. */
export const FAULT_PRESETS = {
  databaseResuming: {
    type: "DatabaseResumingException",
    message:
      "The Aurora DB instance db-answerbase-demo is resuming after being auto-paused. Please wait a few seconds and try again.",
    status: 400,
  },
  throttling: { type: "ThrottlingException", message: "Rate exceeded", status: 400 },
  unavailable: {
    type: "ServiceUnavailableError",
    message: "The service is unavailable. Try again later.",
    status: 503,
  },
} as const;

export type FaultOutcome = { kind: "continue" } | { kind: "drop" };

/** Holds the active fault rules; services call `apply` before doing any work for a request. */
export class FaultInjector {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
      throw new RangeError(`fault "times" must be a positive integer, got ${String(rule.times)}`);
    }
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** Waits out delays, then throws the rule's error or reports a drop. */
  async apply(service: ServiceName, operation: string): Promise<FaultOutcome> {
    const rule = this.rules.find(
      (r) => (r.service === "*" || r.service === service) && (!r.operation || r.operation === operation),
    );
    if (!rule) return { kind: "continue" };
    if (rule.times !== undefined && --rule.times === 0) this.rules.splice(this.rules.indexOf(rule), 1);
    if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
    if (rule.drop) return { kind: "drop" };
    if (rule.error) {
      throw new AwsServiceError(
        rule.error.type,
        rule.error.message ?? rule.error.type,
        rule.error.status ?? 400,
      );
    }
    return { kind: "continue" };
  }
}
