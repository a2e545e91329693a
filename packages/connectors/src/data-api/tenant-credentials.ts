import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { ConnectorError } from "../core/errors.ts";
import type { ConnectorEnvironment } from "../environment.ts";
import { awsErrorMessage, awsErrorName, fromOtherAwsFailure, isAbort, isThrottling } from "./aws-errors.ts";
import { untilAborted } from "./data-api-calls.ts";

/** Temporary credentials as the AWS SDK clients take them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** How long an assumed session lasts (STS allows 900 s up to the role's maximum, 3600 s by default). */
export const SESSION_SECONDS = 3600;
/** Credentials are renewed this long before they expire, so no call starts with a dying session. */
const RENEW_BEFORE_MS = 5 * 60_000;
/** The AssumeRole request's own limit; callers stop waiting at their deadline earlier. */
const ASSUME_ROLE_TIMEOUT_MS = 10_000;

/**
 * The tenant's cloud identity (the cross-account pattern AWS documents for third parties): every
 * Data API call runs with credentials of the IAM role the organization gave us, assumed with STS
 * `AssumeRole` (ExternalId = the organization id, so nobody can make us assume another
 * organization's role). The platform's own credentials (the environment's, or the default chain)
 * sign only this AssumeRole. Credentials are cached until shortly before they expire; concurrent
 * callers share one request.
 */
export class TenantCredentials {
  private readonly sts: STSClient;
  private readonly organizationId: string;
  private cached: AwsCredentials | undefined;
  private pending: Promise<AwsCredentials> | undefined;

  constructor(
    private readonly roleArn: string,
    environment: ConnectorEnvironment,
    region: string | null | undefined,
  ) {
    const organizationId = environment.tenant?.organizationId;
    if (!organizationId) {
      throw new ConnectorError(
        "internal",
        "The Data API connectors need the organization id (environment.tenant) to assume the tenant's role.",
      );
    }
    this.organizationId = organizationId;
    const aws = environment.aws ?? {};
    const resolved = region ?? aws.region;
    this.sts = new STSClient({
      ...(resolved ? { region: resolved } : {}),
      ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
      ...(aws.credentials ? { credentials: aws.credentials } : {}),
      maxAttempts: 2,
    });
  }

  /**
   * For the SDK clients: the cached session (the executors call `get` under their deadline first).
   * Marked `memoized` so the SDK asks on every request instead of keeping its own copy, which
   * `forget` could not reach.
   */
  readonly provider = Object.assign(
    (): Promise<AwsCredentials> => this.get(AbortSignal.timeout(ASSUME_ROLE_TIMEOUT_MS)),
    { memoized: true },
  );

  /** Live credentials for the role, assuming it when none are cached or they expire soon. */
  get(signal: AbortSignal): Promise<AwsCredentials> {
    const cached = this.cached;
    if (cached && cached.expiration.getTime() - Date.now() > RENEW_BEFORE_MS) return Promise.resolve(cached);
    this.pending ??= this.assume().finally(() => {
      this.pending = undefined;
    });
    return untilAborted(this.pending, signal, (late) => void late.catch(() => undefined));
  }

  /** Drops the cached session (AWS refused it: expired early, or the local cloud restarted). */
  forget(): void {
    this.cached = undefined;
  }

  close(): void {
    this.sts.destroy();
  }

  private async assume(): Promise<AwsCredentials> {
    try {
      const answer = await this.sts.send(
        new AssumeRoleCommand({
          RoleArn: this.roleArn,
          ExternalId: this.organizationId,
          RoleSessionName: sessionName(this.organizationId),
          DurationSeconds: SESSION_SECONDS,
        }),
        { abortSignal: AbortSignal.timeout(ASSUME_ROLE_TIMEOUT_MS) },
      );
      const credentials = answer.Credentials;
      if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
        throw new ConnectorError("internal", "STS AssumeRole answered without credentials.");
      }
      this.cached = {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
        expiration: credentials.Expiration ?? new Date(Date.now() + SESSION_SECONDS * 1000),
      };
      return this.cached;
    } catch (error) {
      throw toAssumeRoleError(error, this.roleArn, this.organizationId);
    }
  }
}

/** `answerbase-<organization id>`, within RoleSessionName's characters and 64-character limit. */
export function sessionName(organizationId: string): string {
  return `answerbase-${organizationId}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}

/** An STS failure, in words that tell the organization's admin what to fix. */
export function toAssumeRoleError(error: unknown, roleArn: string, externalId: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const name = awsErrorName(error);
  if (isAbort(error)) {
    return new ConnectorError("timeout", `AWS STS did not answer in time while assuming ${roleArn}.`, {
      cause: error,
    });
  }
  if (isThrottling(error)) {
    return new ConnectorError("throttled", "AWS STS is throttling AssumeRole; retry shortly.", {
      cause: error,
    });
  }
  switch (name) {
    case "AccessDenied":
    case "AccessDeniedException":
      return new ConnectorError(
        "permission",
        `AWS refused to let Answerbase assume the role ${roleArn}. Check that the role exists and that its ` +
          `trust policy allows Answerbase's AWS account to call sts:AssumeRole with the condition ` +
          `sts:ExternalId = "${externalId}" (your organization id; the connect dialog shows the policy to copy).`,
        { cause: error },
      );
    case "RegionDisabledException":
      return new ConnectorError(
        "permission",
        `AWS STS is not activated in this region for the account of ${roleArn}: activate it in IAM → Account settings.`,
        { cause: error },
      );
    case "ValidationError":
      return new ConnectorError("invalid_config", `AWS STS refused the role: ${awsErrorMessage(error)}`, {
        cause: error,
        fields: [{ field: "roleArn", message: awsErrorMessage(error) }],
      });
  }
  return fromOtherAwsFailure(error, "AWS STS", roleArn);
}
