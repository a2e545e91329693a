import type { LocalStack } from "./local-stack.ts";

/**
 * The lines of the start-up banner that describe the database and the local cloud: where each service
 * listens and how to reach the demo database through each provider. Shared by the local cloud's own
 * `dev` and the root `pnpm dev`.
 */
export function describeLocalStack({ embedded, cloud, demo, crm }: Omit<LocalStack, "stop">): string[] {
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
    ["Demo CRM (agent actions' target)", `${crm.url}  (request log ${crm.url}/__requests)`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    "",
    `Demo data source through each provider (any AWS credentials work, region ${demo.aurora.region}):`,
    `  neon / postgres   connectionString: ${redact(demo.connectionString)}`,
    `  aurora_data_api   resourceArn: ${demo.aurora.resourceArn}`,
    `                    secretArn:   ${demo.aurora.secretArn}`,
    `                    database:    ${demo.aurora.database}`,
    `  redshift          clusterIdentifier: ${demo.redshift.clusterIdentifier} (or workgroupName: ${demo.redshift.workgroupName})`,
    `                    database: ${demo.redshift.database}, secretArn or dbUser: ${demo.redshift.dbUser}`,
    ...(embedded
      ? []
      : ["DATABASE_URL is used as is; seed it with `pnpm --filter @answerbase/local-cloud apply-schema`."]),
  ];
}

/** Connection strings are printed without their password. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "****";
  return parsed.toString();
}
