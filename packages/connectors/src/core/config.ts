import { z } from "zod";
import { ConnectorError } from "./errors.ts";

/**
 * Data source configs: the JSON stored as an organization's secret (`tenant/{organizationId}/database`).
 * One schema per provider; `parseDataSourceConfig` validates before any network call and names every
 * bad field.
 */

const postgresUrl = z
  .string()
  .trim()
  .min(1, "is required")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname.length > 0;
    } catch {
      return false; // URL throws on anything unparseable: that is exactly the "invalid" answer
    }
  }, "must be a postgres:// or postgresql:// URL with a host, e.g. postgresql://user:password@host:5432/database");

const identifier = z
  .string()
  .trim()
  .min(1, "is required")
  .max(127, "must be at most 127 characters")
  .regex(/^[A-Za-z0-9_$-]+$/, "may contain only letters, digits, _, $ and -");

const region = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as us-east-1")
  .optional();

const secretArn = z
  .string()
  .trim()
  .regex(
    /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/,
    "must be a Secrets Manager ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)",
  );

/**
 * The IAM role, in the organization's own AWS account, that the Data API connectors assume (STS
 * AssumeRole with ExternalId = the organization id) for every call: the platform's credentials never
 * touch a tenant's cluster or secret. Required for Aurora and Data API Redshift.
 */
const roleArn = z
  .string({ error: "is required: the ARN of the IAM role Answerbase assumes in your AWS account" })
  .trim()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
    "must be an IAM role ARN (arn:aws:iam::<12-digit account id>:role/<name>)",
  );

export const NeonConfig = z.object({ provider: z.literal("neon"), connectionString: postgresUrl }).strict();

export const PostgresConfig = z
  .object({ provider: z.literal("postgres"), connectionString: postgresUrl })
  .strict();

export const AuroraDataApiConfig = z
  .object({
    provider: z.literal("aurora_data_api"),
    resourceArn: z
      .string()
      .trim()
      .regex(
        /^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:cluster:[A-Za-z0-9-]+$/,
        "must be an Aurora cluster ARN (arn:aws:rds:<region>:<account>:cluster:<name>)",
      ),
    secretArn,
    database: identifier,
    region,
    roleArn,
  })
  .strict();

const RedshiftDataApiConfig = z
  .object({
    provider: z.literal("redshift"),
    workgroupName: identifier.optional(),
    clusterIdentifier: identifier.optional(),
    database: identifier,
    secretArn: secretArn.optional(),
    dbUser: identifier.optional(),
    region,
    roleArn,
  })
  .strict()
  .superRefine((config, context) => {
    if (!config.workgroupName === !config.clusterIdentifier) {
      context.addIssue({
        code: "custom",
        path: ["workgroupName"],
        message: "give exactly one of workgroupName (Redshift Serverless) or clusterIdentifier (provisioned)",
      });
    }
    if (!config.secretArn === !config.dbUser) {
      context.addIssue({
        code: "custom",
        path: ["secretArn"],
        message: "give exactly one of secretArn or dbUser",
      });
    }
    if (config.workgroupName && config.dbUser) {
      context.addIssue({
        code: "custom",
        path: ["dbUser"],
        message: "Redshift Serverless takes secretArn, not dbUser",
      });
    }
  });

/** Redshift reached directly over the Postgres wire protocol (port 5439) instead of the Data API. */
const RedshiftDirectConfig = z
  .object({ provider: z.literal("redshift"), connectionString: postgresUrl })
  .strict();

export const RedshiftConfig = z.union([RedshiftDirectConfig, RedshiftDataApiConfig]);

export type NeonConfig = z.infer<typeof NeonConfig>;
export type PostgresConfig = z.infer<typeof PostgresConfig>;
export type AuroraDataApiConfig = z.infer<typeof AuroraDataApiConfig>;
export type RedshiftConfig = z.infer<typeof RedshiftConfig>;
export type DataSourceConfig = NeonConfig | PostgresConfig | AuroraDataApiConfig | RedshiftConfig;

export const DATA_SOURCE_PROVIDERS = ["neon", "aurora_data_api", "redshift", "postgres"] as const;
export type DataSourceProvider = (typeof DATA_SOURCE_PROVIDERS)[number];

const SCHEMAS = {
  neon: NeonConfig,
  postgres: PostgresConfig,
  aurora_data_api: AuroraDataApiConfig,
  redshift: RedshiftConfig,
};

/**
 * Validates a config (e.g. parsed from a secret). Accepts the source system's legacy Aurora shape
 * `{provider: "aws_rds", rdsResourceArn, rdsSecretArn, rdsDatabase, awsRegion, roleArn}`; like every
 * Aurora config it needs `roleArn` (a legacy secret without one is refused with that field named, and
 * must be saved again with the organization's role). Throws `ConnectorError("invalid_config")`
 * listing every bad field.
 */
export function parseDataSourceConfig(input: unknown): DataSourceConfig {
  const value = fromLegacyShape(input);
  const provider = (value as { provider?: unknown } | null)?.provider;
  if (typeof provider !== "string" || !(provider in SCHEMAS)) {
    throw new ConnectorError(
      "invalid_config",
      `provider must be one of ${DATA_SOURCE_PROVIDERS.join(", ")}${typeof provider === "string" ? `, got "${provider}"` : ""}`,
      { fields: [{ field: "provider", message: `must be one of ${DATA_SOURCE_PROVIDERS.join(", ")}` }] },
    );
  }
  // A Redshift config is told apart by its shape, so errors name the fields of the form it was meant as.
  const schema =
    provider === "redshift"
      ? "connectionString" in (value as object)
        ? RedshiftDirectConfig
        : RedshiftDataApiConfig
      : SCHEMAS[provider as DataSourceProvider];
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // One entry per field: an empty value also fails the pattern, and one message is enough.
  const byField = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "(config)";
    const message =
      issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
    if (!byField.has(field)) byField.set(field, message);
  }
  const fields = [...byField].map(([field, message]) => ({ field, message }));
  throw new ConnectorError(
    "invalid_config",
    `Invalid ${provider} data source: ${fields.map((f) => `${f.field} ${f.message}`).join("; ")}`,
    { fields },
  );
}

function fromLegacyShape(input: unknown): unknown {
  if (typeof input !== "object" || input === null || (input as { provider?: unknown }).provider !== "aws_rds")
    return input;
  const legacy = input as Record<string, unknown>;
  return {
    provider: "aurora_data_api",
    resourceArn: legacy.rdsResourceArn,
    secretArn: legacy.rdsSecretArn,
    database: legacy.rdsDatabase,
    ...(legacy.awsRegion === undefined ? {} : { region: legacy.awsRegion }),
    roleArn: legacy.roleArn,
  };
}

/** What a client may see of a config: provider, where and which database; never user or password. */
export interface DataSourceSummary {
  provider: DataSourceProvider;
  /** Host, cluster or workgroup. */
  location: string;
  database: string;
  region: string | null;
}

export function summarizeDataSource(config: DataSourceConfig): DataSourceSummary {
  if ("connectionString" in config) {
    const url = new URL(config.connectionString);
    return {
      provider: config.provider,
      location: url.port ? `${url.hostname}:${url.port}` : url.hostname,
      database: decodeURIComponent(url.pathname.slice(1)) || "postgres",
      region: null,
    };
  }
  if (config.provider === "aurora_data_api") {
    return {
      provider: config.provider,
      location: `cluster ${config.resourceArn.split(":").pop()}`,
      database: config.database,
      region: config.region ?? regionFromArn(config.resourceArn),
    };
  }
  return {
    provider: config.provider,
    location: config.workgroupName
      ? `workgroup ${config.workgroupName}`
      : `cluster ${config.clusterIdentifier}`,
    database: config.database,
    region: config.region ?? (config.secretArn ? regionFromArn(config.secretArn) : null),
  };
}

/** `arn:aws:rds:eu-west-1:…` → `eu-west-1`. */
export function regionFromArn(arn: string): string | null {
  return arn.split(":")[3] || null;
}
