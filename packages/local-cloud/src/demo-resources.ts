import { LOCAL_PLATFORM } from "./iam/iam-registry.ts";
import { externalIdTrustPolicy } from "./iam/trust-policy.ts";
import type { LocalCloud } from "./local-cloud.ts";
import { LOCAL_REGION } from "./secrets-manager/secret-store.ts";

const DEMO_ACCOUNT_ID = "111122223333";
const DEMO_ROLE_NAME = "answerbase-demo-access";

/**
 * Names of the demo resources `pnpm dev` and the tests create. They live in their own AWS account,
 * as a tenant's would, reached through the role `roleArn` that trusts the platform's account
 * (LOCAL_PLATFORM) with the organization's id as external id.
 */
export const DEMO = {
  accountId: DEMO_ACCOUNT_ID,
  /** The demo account's root credentials: what a tenant would use to create a role in its account. */
  accountCredentials: { accessKeyId: "AKIAANSWERBASEDEMO01", secretAccessKey: "demo-account-secret" },
  roleName: DEMO_ROLE_NAME,
  roleArn: `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/${DEMO_ROLE_NAME}`,
  auroraClusterArn: `arn:aws:rds:${LOCAL_REGION}:${DEMO_ACCOUNT_ID}:cluster:answerbase-demo`,
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
  aurora: { resourceArn: string; secretArn: string; database: string; region: string; roleArn: string };
  redshift: {
    clusterIdentifier: string;
    workgroupName: string;
    secretArn: string;
    dbUser: string;
    database: string;
    region: string;
    roleArn: string;
  };
}

export interface DemoResourceOptions {
  /**
   * The organization ids (external ids) the demo role trusts: `pnpm dev` starts with none and adds
   * the demo organization's once the seed knows it (`trustDemoOrganizations`); `"*"` trusts any
   * external id (the test cloud, where every test organization shares the demo database). Default: none.
   */
  externalIds?: string[] | "*";
}

/**
 * Registers the demo account (DEMO.accountId) with its Aurora cluster, Redshift cluster and
 * workgroup, the database-credentials secret they authenticate with (idempotent: an existing secret
 * is reused), and the role the platform assumes to reach them.
 */
export function registerDemoResources(cloud: LocalCloud, options: DemoResourceOptions = {}): DemoConnections {
  const url = cloud.backend.url;
  const user = decodeURIComponent(url.username) || "postgres";
  const password = decodeURIComponent(url.password) || "local-password";
  const database = decodeURIComponent(url.pathname.slice(1)) || "postgres";
  cloud.iam.account(DEMO.accountId, DEMO.accountCredentials);
  trustDemoOrganizations(cloud, options.externalIds ?? []);
  cloud.resources.addAuroraCluster({ resourceArn: DEMO.auroraClusterArn });
  cloud.resources.addRedshift({
    clusterIdentifier: DEMO.redshiftClusterIdentifier,
    accountId: DEMO.accountId,
  });
  cloud.resources.addRedshift({ workgroupName: DEMO.redshiftWorkgroupName, accountId: DEMO.accountId });
  let secret = cloud.secrets.find(DEMO.databaseCredentialsSecretName, DEMO.accountId);
  if (!secret) {
    secret = cloud.secrets.create(
      { name: DEMO.databaseCredentialsSecretName, versions: [], tags: [] },
      DEMO.region,
      DEMO.accountId,
    );
    cloud.secrets.addVersion(secret, { secretString: JSON.stringify({ username: user, password }) });
  }
  const connection = new URL(url);
  connection.password = password;
  return {
    connectionString: connection.toString(),
    database,
    aurora: {
      resourceArn: DEMO.auroraClusterArn,
      secretArn: secret.arn,
      database,
      region: DEMO.region,
      roleArn: DEMO.roleArn,
    },
    redshift: {
      clusterIdentifier: DEMO.redshiftClusterIdentifier,
      workgroupName: DEMO.redshiftWorkgroupName,
      secretArn: secret.arn,
      dbUser: user,
      database,
      region: DEMO.region,
      roleArn: DEMO.roleArn,
    },
  };
}

/**
 * (Re)writes the demo role's trust policy: the platform's account may assume it with one of these
 * external ids (organization ids). `pnpm dev` calls it after the seed, when the demo organization's
 * id is known.
 */
export function trustDemoOrganizations(cloud: LocalCloud, externalIds: string[] | "*"): void {
  cloud.iam.putRole({
    accountId: DEMO.accountId,
    roleName: DEMO.roleName,
    description: "Lets Answerbase read the demo database (Data APIs and its credentials secret).",
    trustPolicy: externalIdTrustPolicy(LOCAL_PLATFORM.accountId, externalIds),
  });
}
