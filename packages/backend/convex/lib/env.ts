import type { ConnectorEnvironment } from "@answerbase/connectors";
import type { NetworkAccess } from "@answerbase/egress";

/**
 * The deployment's environment (`npx convex env set`), read in this one module. Values are read when a
 * function runs, so a changed variable applies to the next call.
 *
 * - Secret store: AWS Secrets Manager when `AWS_REGION` is set (override with
 *   `ANSWERBASE_SECRET_STORE=secrets_manager|encrypted_table`), otherwise AES-256-GCM in a table with
 *   `DATA_SOURCE_ENCRYPTION_KEY` (32 bytes, base64).
 * - `AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`: the
 *   platform's AWS identity; unset = the real endpoints and the default credential chain. It reads
 *   the platform's own `tenant/{organizationId}/…` secrets and assumes each organization's IAM role
 *   for the Data API connectors (never calls a tenant's cluster or secret itself).
 * - `ANSWERBASE_AWS_ACCOUNT_ID`: that identity's 12-digit account, shown to admins in the trust
 *   policy their role must have (unset: the connect dialog asks them to ask the operator).
 * - `NEON_FETCH_ENDPOINT`, `NEON_WS_PROXY`, `NEON_USE_SECURE_WEBSOCKET`: only to point the Neon driver
 *   at a local stand-in.
 */
export type SecretStoreKind = "secrets_manager" | "encrypted_table";

function read(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export function secretStoreKind(): SecretStoreKind {
  const explicit = read("ANSWERBASE_SECRET_STORE");
  if (explicit === "secrets_manager" || explicit === "encrypted_table") return explicit;
  return read("AWS_REGION") === undefined ? "encrypted_table" : "secrets_manager";
}

export function encryptionKey(): string | undefined {
  return read("DATA_SOURCE_ENCRYPTION_KEY");
}

export function awsSettings(): NonNullable<ConnectorEnvironment["aws"]> {
  const accessKeyId = read("AWS_ACCESS_KEY_ID");
  const secretAccessKey = read("AWS_SECRET_ACCESS_KEY");
  return {
    endpoint: read("AWS_ENDPOINT_URL"),
    region: read("AWS_REGION"),
    credentials:
      accessKeyId && secretAccessKey
        ? { accessKeyId, secretAccessKey, sessionToken: read("AWS_SESSION_TOKEN") }
        : undefined,
  };
}

/** The platform's AWS account id (`ANSWERBASE_AWS_ACCOUNT_ID`), or null when not configured or malformed. */
export function platformAwsAccountId(): string | null {
  const value = read("ANSWERBASE_AWS_ACCOUNT_ID");
  return value !== undefined && /^\d{12}$/.test(value) ? value : null;
}

/**
 * Where an organization's connectors find the services: its connections may reach `network`, and
 * the Data API connectors assume its role with `organizationId` as the external id.
 */
export function connectorEnvironment(network: NetworkAccess, organizationId: string): ConnectorEnvironment {
  return {
    network,
    tenant: { organizationId },
    aws: awsSettings(),
    neon: {
      fetchEndpoint: read("NEON_FETCH_ENDPOINT"),
      wsProxy: read("NEON_WS_PROXY"),
      useSecureWebSocket: read("NEON_USE_SECURE_WEBSOCKET") === "false" ? false : undefined,
    },
  };
}

/** Rows per ingestion step (`INGESTION_BATCH_ROWS`, 1..5,000, default 500); tests use small batches. */
export function ingestionBatchRows(): number {
  const value = Number(read("INGESTION_BATCH_ROWS") ?? 500);
  return Number.isInteger(value) && value >= 1 && value <= 5_000 ? value : 500;
}

/**
 * The request header in which the deployment's trusted proxy puts the client's IP address
 * (`ANSWERBASE_CLIENT_IP_HEADER`, e.g. `cf-connecting-ip`, `x-real-ip` or `x-forwarded-for`); unset =
 * no trusted proxy, and abuse limits count per widget client token instead (contacts/clientKeys.ts).
 * Set it only behind a proxy that overwrites the header: a client can write any header itself.
 */
export function clientIpHeader(): string | undefined {
  return read("ANSWERBASE_CLIENT_IP_HEADER")?.toLowerCase();
}

/**
 * Where sign-up verification codes are sent: `SMTP_URL`, any SMTP server as a nodemailer URL
 * (`smtps://user:password@smtp.example.com:465`, `smtp://user:password@host:587` upgrades with
 * STARTTLS; `pnpm dev` sets its local mail catcher). Unset = e-mail addresses are not verified, and
 * each sign-up logs one warning saying so. The URL carries the server's password: read it only where
 * the mail is sent (system/verificationMail.ts), never pass it on.
 */
export function smtpUrl(): string | undefined {
  return read("SMTP_URL");
}

/** The sender of the backend's e-mail (`SMTP_FROM`, e.g. `Answerbase <no-reply@example.com>`). */
export function smtpFrom(): string {
  return read("SMTP_FROM") ?? "Answerbase <no-reply@answerbase.invalid>";
}

function positiveMs(name: string): number | undefined {
  const value = Number(read(name));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Outbound webhooks (webhooks/schedule.ts has the defaults): `WEBHOOK_RETRY_DELAYS_MS` replaces the
 * retry schedule (comma-separated milliseconds, e.g. `200,200,500` in tests and the bench);
 * `WEBHOOK_TIMEOUT_MS` the per-attempt timeout (default 10 s); `WEBHOOK_DISABLE_AFTER_MS` how long an
 * endpoint may fail without a success before it is disabled (default 24 h).
 */
export function webhookSettings(defaults: {
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  disableAfterMs: number;
  maxInFlight: number;
}): { retryDelaysMs: readonly number[]; timeoutMs: number; disableAfterMs: number; maxInFlight: number } {
  const delays = read("WEBHOOK_RETRY_DELAYS_MS")
    ?.split(",")
    .map((part) => Number(part.trim()));
  return {
    retryDelaysMs:
      delays !== undefined && delays.length > 0 && delays.every((ms) => Number.isFinite(ms) && ms >= 0)
        ? delays
        : defaults.retryDelaysMs,
    timeoutMs: positiveMs("WEBHOOK_TIMEOUT_MS") ?? defaults.timeoutMs,
    disableAfterMs: positiveMs("WEBHOOK_DISABLE_AFTER_MS") ?? defaults.disableAfterMs,
    maxInFlight: Math.round(positiveMs("WEBHOOK_MAX_IN_FLIGHT") ?? defaults.maxInFlight),
  };
}

/**
 * How long a dashboard session's access token lives (`AUTH_TOKEN_LIFETIME_SECONDS`, default an hour,
 * at least 30 s): the client refreshes it before it ends. Shortened by the inbox e2e test, which keeps
 * the inbox open past several tokens.
 */
export function authTokenLifetimeMs(): number {
  const seconds = Number(read("AUTH_TOKEN_LIFETIME_SECONDS") ?? "3600");
  return Number.isFinite(seconds) && seconds >= 30 ? Math.round(seconds * 1000) : 3_600_000;
}

/** The dashboard's public URL (`SITE_URL`, also Convex Auth's), for links into it such as a conversation's. */
export function siteUrl(): string {
  return (read("SITE_URL") ?? "http://localhost:3000").replace(/\/+$/, "");
}
