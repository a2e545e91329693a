import { z } from "zod";

/*
 * The connect wizard's forms. The connectors validate the same fields again on the server (and name
 * each bad one); these schemas only let the form answer inline before a round trip.
 */

export type Provider = "neon" | "aurora_data_api" | "redshift" | "postgres";

export interface FieldSpec {
  name: string;
  label: string;
  placeholder: string;
  help: string;
  optional?: boolean;
  secret?: boolean;
}

const postgresUrl = z
  .string()
  .trim()
  .min(1, "Paste the connection string.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false; // not a URL at all
    }
  }, "Must be a postgres:// or postgresql:// URL with a host, e.g. postgresql://user:password@host:5432/database.");
const identifier = z
  .string()
  .trim()
  .min(1, "Required.")
  .max(127, "At most 127 characters.")
  .regex(/^[A-Za-z0-9_$-]+$/, "Only letters, digits, _, $ and -.");
const region = z
  .string()
  .trim()
  .regex(/^([a-z]{2}(-[a-z]+)+-\d)?$/, "An AWS region such as us-east-1.");
const secretArn = z
  .string()
  .trim()
  .regex(
    /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/,
    "A Secrets Manager ARN: arn:aws:secretsmanager:<region>:<account>:secret:<name>.",
  );
const clusterArn = z
  .string()
  .trim()
  .regex(
    /^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:cluster:[A-Za-z0-9-]+$/,
    "An Aurora cluster ARN: arn:aws:rds:<region>:<account>:cluster:<name>.",
  );

const roleArn = z
  .string()
  .trim()
  .min(1, "Required: the role Answerbase assumes in your AWS account.")
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
    "An IAM role ARN: arn:aws:iam::<12-digit account id>:role/<name>.",
  );

/** The IAM role field of the Data API providers; the wizard shows the trust policy it needs below it. */
export const ROLE_ARN_FIELD: FieldSpec = {
  name: "roleArn",
  label: "IAM role ARN",
  placeholder: "arn:aws:iam::123456789012:role/answerbase-access",
  help: "A role in your AWS account that Answerbase assumes for every call (see below for its trust policy).",
};

/** True when this form reaches AWS through the tenant's role (Aurora, Redshift's Data API). */
export function usesAwsRole(provider: Provider, target: RedshiftTarget): boolean {
  return provider === "aurora_data_api" || (provider === "redshift" && target !== "direct");
}

export type RedshiftTarget = "workgroup" | "cluster" | "direct";
export type RedshiftCredentials = "secret" | "dbUser";

export interface ProviderSpec {
  id: Provider;
  label: string;
  tagline: string;
  fields: (options: { target: RedshiftTarget; credentials: RedshiftCredentials }) => FieldSpec[];
  schema: (options: { target: RedshiftTarget; credentials: RedshiftCredentials }) => z.ZodType;
}

const CONNECTION_STRING = (example: string, help: string): FieldSpec => ({
  name: "connectionString",
  label: "Connection string",
  placeholder: example,
  help,
  secret: true,
});

export const PROVIDERS: ProviderSpec[] = [
  {
    id: "neon",
    label: "Neon",
    tagline: "Serverless Postgres over HTTPS and WebSockets.",
    fields: () => [
      CONNECTION_STRING(
        "postgresql://<role>:<secret>@ep-cool-name-123456.us-east-2.aws.neon.tech/shop?sslmode=require",
        "Neon console → your project → Connect. Use a read-only role: Answerbase only ever reads.",
      ),
    ],
    schema: () => z.object({ connectionString: postgresUrl }),
  },
  {
    id: "aurora_data_api",
    label: "Aurora (Data API)",
    tagline: "Aurora PostgreSQL through the RDS Data API; no network path needed.",
    fields: () => [
      {
        name: "resourceArn",
        label: "Cluster ARN",
        placeholder: "arn:aws:rds:us-east-1:123456789012:cluster:my-cluster",
        help: "RDS console → your cluster → Configuration. The Data API must be enabled on it.",
      },
      {
        name: "secretArn",
        label: "Credentials secret ARN",
        placeholder: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-credentials-AbCdEf",
        help: "The Secrets Manager secret holding the database user's name and password.",
      },
      {
        name: "database",
        label: "Database",
        placeholder: "shop",
        help: "The database name inside the cluster.",
      },
      {
        name: "region",
        label: "Region",
        placeholder: "us-east-1",
        help: "Optional: taken from the cluster ARN when empty.",
        optional: true,
      },
      ROLE_ARN_FIELD,
    ],
    schema: () =>
      z.object({
        resourceArn: clusterArn,
        secretArn,
        database: identifier,
        region: region.optional(),
        roleArn,
      }),
  },
  {
    id: "redshift",
    label: "Redshift",
    tagline: "Serverless or provisioned, through the Redshift Data API or directly.",
    fields: ({ target, credentials }) => {
      if (target === "direct") {
        return [
          CONNECTION_STRING(
            "postgresql://<user>:<secret>@my-cluster.abc123.us-east-1.redshift.amazonaws.com:5439/dev",
            "Redshift console → cluster → General information → JDBC/ODBC endpoint, as a postgres URL.",
          ),
        ];
      }
      const fields: FieldSpec[] = [
        target === "workgroup"
          ? {
              name: "workgroupName",
              label: "Workgroup",
              placeholder: "default-workgroup",
              help: "Redshift Serverless → Workgroup configuration.",
            }
          : {
              name: "clusterIdentifier",
              label: "Cluster identifier",
              placeholder: "my-cluster",
              help: "Redshift → Clusters: the cluster's identifier (not its endpoint).",
            },
        { name: "database", label: "Database", placeholder: "dev", help: "The database to read from." },
        credentials === "secret" || target === "workgroup"
          ? {
              name: "secretArn",
              label: "Credentials secret ARN",
              placeholder: "arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift-AbCdEf",
              help: "A Secrets Manager secret with the database user's credentials.",
            }
          : {
              name: "dbUser",
              label: "Database user",
              placeholder: "readonly_user",
              help: "Temporary credentials are issued for this user (provisioned clusters only).",
            },
        {
          name: "region",
          label: "Region",
          placeholder: "us-east-1",
          help: "Optional for Secret ARNs (taken from them).",
          optional: true,
        },
        ROLE_ARN_FIELD,
      ];
      return fields;
    },
    schema: ({ target, credentials }) => {
      if (target === "direct") return z.object({ connectionString: postgresUrl });
      const base = { database: identifier, region: region.optional(), roleArn };
      const where = target === "workgroup" ? "workgroupName" : "clusterIdentifier";
      const who = credentials === "secret" || target === "workgroup" ? secretArn : identifier;
      return z.object({
        [where]: identifier,
        ...base,
        [credentials === "secret" || target === "workgroup" ? "secretArn" : "dbUser"]: who,
      });
    },
  },
  {
    id: "postgres",
    label: "PostgreSQL",
    tagline: "Any Postgres over TCP: RDS, Cloud SQL, Supabase, your own server.",
    fields: () => [
      CONNECTION_STRING(
        "postgresql://<readonly-user>:<secret>@db.example.com:5432/shop?sslmode=require",
        "Use a read-only user. The backend must be able to reach this host and port.",
      ),
    ],
    schema: () => z.object({ connectionString: postgresUrl }),
  },
];

export function providerSpec(provider: Provider): ProviderSpec {
  return PROVIDERS.find((p) => p.id === provider) ?? PROVIDERS[0]!;
}

export const PROVIDER_LABEL: Record<string, string> = Object.fromEntries(
  PROVIDERS.map((p) => [p.id, p.label]),
);

/** The form's values as the backend's config: empty optional fields are left out. */
export function toConfig(provider: Provider, values: Record<string, string>, fields: FieldSpec[]) {
  const config: Record<string, string> = { provider };
  for (const field of fields) {
    const value = (values[field.name] ?? "").trim();
    if (value !== "" || !field.optional) config[field.name] = value;
  }
  return config;
}
