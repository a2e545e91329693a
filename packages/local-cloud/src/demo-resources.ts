import type { LocalCloud } from "./local-cloud.ts";
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from "./secrets-manager/secret-store.ts";

/** Names of the demo resources `pnpm dev` and the tests create in the emulated account. */
export const DEMO = {
  auroraClusterArn: `arn:aws:rds:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:cluster:answerbase-demo`,
  databaseCredentialsSecretName: "answerbase-demo/database-credentials",
  redshiftClusterIdentifier: "answerbase-demo",
  redshiftWorkgroupName: "answerbase-demo-serverless",
  region: LOCAL_REGION,
} as const;

/** Connection settings for the demo database through each emulated provider. */
export interface DemoConnections {
  /** For `pg` or `@neondatabase/serverless` (with the local fetch endpoint / WebSocket proxy). */
  connectionString: string;
  database: string;
  aurora: { resourceArn: string; secretArn: string; database: string; region: string };
  redshift: {
    clusterIdentifier: string;
    workgroupName: string;
    secretArn: string;
    dbUser: string;
    database: string;
    region: string;
  };
}

/**
 * Registers the demo Aurora cluster, Redshift cluster and workgroup, and the database-credentials
 * secret they authenticate with (idempotent: an existing secret is reused).
 */
export function registerDemoResources(cloud: LocalCloud): DemoConnections {
  const url = cloud.backend.url;
  const user = decodeURIComponent(url.username) || "postgres";
  const password = decodeURIComponent(url.password) || "local-password";
  const database = decodeURIComponent(url.pathname.slice(1)) || "postgres";
  cloud.resources.addAuroraCluster({ resourceArn: DEMO.auroraClusterArn });
  cloud.resources.addRedshift({ clusterIdentifier: DEMO.redshiftClusterIdentifier });
  cloud.resources.addRedshift({ workgroupName: DEMO.redshiftWorkgroupName });
  let secret = cloud.secrets.find(DEMO.databaseCredentialsSecretName);
  if (!secret) {
    secret = cloud.secrets.create({ name: DEMO.databaseCredentialsSecretName, versions: [], tags: [] });
    cloud.secrets.addVersion(secret, { secretString: JSON.stringify({ username: user, password }) });
  }
  const connection = new URL(url);
  connection.password = password;
  return {
    connectionString: connection.toString(),
    database,
    aurora: { resourceArn: DEMO.auroraClusterArn, secretArn: secret.arn, database, region: DEMO.region },
    redshift: {
      clusterIdentifier: DEMO.redshiftClusterIdentifier,
      workgroupName: DEMO.redshiftWorkgroupName,
      secretArn: secret.arn,
      dbUser: user,
      database,
      region: DEMO.region,
    },
  };
}
