import {
  LOCAL_PLATFORM,
  registerDemoResources,
  startEmbeddedPostgres,
  startLocalCloud,
  type DemoConnections,
  type LocalCloud,
} from "@answerbase/local-cloud";

/** The providers the harness can reach a database through (the local cloud emulates all but postgres). */
export const PROVIDERS = ["postgres", "neon", "aurora_data_api", "redshift"] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface EvalDatabase {
  /** Where the rows live: the embedded demo database, or the URL given on the command line. */
  label: string;
  cloud: LocalCloud;
  demo: DemoConnections;
  stop(): Promise<void>;
}

/**
 * The database under evaluation with the local cloud in front of it, so every provider's connector
 * reaches it through its own protocol (Neon HTTP, the RDS and Redshift Data APIs). Without a URL: an
 * in-memory PGlite seeded from database-schema.sql, the demo data `pnpm dev` serves.
 */
export async function startEvalDatabase(databaseUrl: string | undefined): Promise<EvalDatabase> {
  const embedded = databaseUrl === undefined ? await startEmbeddedPostgres({ seed: true }) : undefined;
  try {
    const cloud = await startLocalCloud({ databaseUrl: databaseUrl ?? embedded!.url });
    return {
      label: databaseUrl === undefined ? "demo database (PGlite, database-schema.sql)" : redact(databaseUrl),
      cloud,
      // A throwaway cloud for one run: the demo role may be assumed by the organization the run creates.
      demo: registerDemoResources(cloud, { externalIds: "*" }),
      async stop() {
        await cloud.stop();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** The data source config an admin would save for this database through `provider`. */
export function dataSourceConfig(database: EvalDatabase, provider: Provider): Record<string, string> {
  const { demo } = database;
  switch (provider) {
    case "postgres":
    case "neon":
      return { provider, connectionString: demo.connectionString };
    case "aurora_data_api":
      return { provider, ...demo.aurora };
    case "redshift":
      return {
        provider,
        workgroupName: demo.redshift.workgroupName,
        database: demo.redshift.database,
        secretArn: demo.redshift.secretArn,
        region: demo.redshift.region,
        roleArn: demo.redshift.roleArn,
      };
  }
}

/**
 * The deployment environment the backend reads: the local cloud as AWS (Secrets Manager, Data APIs)
 * and as Neon's HTTP and WebSocket endpoints, as `pnpm dev` sets it.
 */
export function cloudEnv(database: EvalDatabase): Record<string, string> {
  const { cloud, demo } = database;
  return {
    SITE_URL: "http://localhost:3000",
    CONVEX_SITE_URL: "http://127.0.0.1:3211",
    ANSWERBASE_SECRET_STORE: "encrypted_table",
    AWS_REGION: demo.aurora.region,
    AWS_ENDPOINT_URL: cloud.url,
    AWS_ACCESS_KEY_ID: LOCAL_PLATFORM.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_PLATFORM.credentials.secretAccessKey,
    ANSWERBASE_AWS_ACCOUNT_ID: LOCAL_PLATFORM.accountId,
    NEON_FETCH_ENDPOINT: cloud.endpoints.neonHttp,
    NEON_WS_PROXY: cloud.endpoints.neonWebSocketProxy,
    NEON_USE_SECURE_WEBSOCKET: "false",
  };
}

/** A URL fit for a log line: the password replaced. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(the given database URL)";
  }
}
