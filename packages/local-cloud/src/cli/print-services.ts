import type { DemoConnections } from "../demo-resources.ts";
import type { LocalCloudEnv } from "../env.ts";
import type { LocalCloud } from "../local-cloud.ts";
import type { EmbeddedPostgres } from "../postgres/embedded-postgres.ts";

/** Prints where each service listens and how to reach the demo database through each provider. */
export function printServices(input: {
  env: LocalCloudEnv;
  cloud: LocalCloud;
  demo: DemoConnections;
  embedded: EmbeddedPostgres | undefined;
}) {
  const { env, cloud, demo, embedded } = input;
  const rows: [string, string][] = [
    [
      embedded
        ? `Postgres (embedded PGlite${embedded.seeded ? ", seeded just now" : ""})`
        : "Postgres (DATABASE_URL)",
      redact(cloud.backend.url.toString()),
    ],
    ["Local cloud (all emulators)", cloud.url],
    ["  Neon HTTP  (neonConfig.fetchEndpoint)", cloud.endpoints.neonHttp],
    ["  Neon WebSocket proxy (neonConfig.wsProxy)", cloud.endpoints.neonWebSocketProxy],
    ["  RDS Data API (endpoint)", cloud.endpoints.rdsData],
    ["  Redshift Data API (endpoint)", cloud.endpoints.redshiftData],
    ["  Secrets Manager (endpoint)", cloud.endpoints.secretsManager],
    ["  Health / fault switches", `${cloud.url}/health  ${cloud.url}/__faults`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log("\nAnswerbase local stack is running.\n");
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  console.log("\nDemo data source through each provider (any AWS credentials work, region us-east-1):");
  console.log(`  neon / postgres   connectionString: ${redact(demo.connectionString)}`);
  console.log(`  aurora_data_api   resourceArn: ${demo.aurora.resourceArn}`);
  console.log(`                    secretArn:   ${demo.aurora.secretArn}`);
  console.log(`                    database:    ${demo.aurora.database}`);
  console.log(
    `  redshift          clusterIdentifier: ${demo.redshift.clusterIdentifier} (or workgroupName: ${demo.redshift.workgroupName})`,
  );
  console.log(
    `                    database: ${demo.redshift.database}, secretArn or dbUser: ${demo.redshift.dbUser}`,
  );
  console.log(`\nState: ${env.ANSWERBASE_STATE_DIR} (delete it to start from a fresh demo database).`);
  if (!embedded)
    console.log(
      "DATABASE_URL is used as is; seed it with `pnpm --filter @answerbase/local-cloud apply-schema`.",
    );
  console.log("Press Ctrl+C to stop.\n");
}

/** Connection strings are printed without their password. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "****";
  return parsed.toString();
}
