import type { ConnectorEnvironment } from "../../src/environment.ts";
import type { DataSourceProvider } from "../../src/core/config.ts";
import type { TestCloud } from "@answerbase/local-cloud/testing";

/** One way of reaching the demo database, as an organization would configure it. */
export interface ConnectorCase {
  name: string;
  provider: DataSourceProvider;
  /** True when requests pass through the local cloud (so its fault switches apply). */
  viaCloud: boolean;
  config(stack: TestCloud): Record<string, unknown>;
  environment(stack: TestCloud): ConnectorEnvironment;
}

/**
 * The test stack runs on this machine, so every case has the operator's private-network grant
 * (egress.test.ts shows what a tenant without it gets).
 */
const aws = (stack: TestCloud): ConnectorEnvironment => ({
  network: "private_networks",
  // The test cloud's demo role trusts any organization id; isolation between tenants is tested in
  // cloud-identity.test.ts with their own accounts and roles.
  tenant: { organizationId: "org_connector_tests" },
  aws: {
    endpoint: stack.cloud.url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  },
});

/** Every connector and mode, looped over by the conformance suite and the benchmarks. */
export const CONNECTOR_CASES: ConnectorCase[] = [
  {
    name: "postgres",
    provider: "postgres",
    viaCloud: false,
    config: (s) => ({ provider: "postgres", connectionString: s.demo.connectionString }),
    environment: () => ({ network: "private_networks" }),
  },
  {
    name: "neon",
    provider: "neon",
    viaCloud: true,
    config: (s) => ({ provider: "neon", connectionString: s.demo.connectionString }),
    environment: (s) => ({
      network: "private_networks",
      neon: {
        fetchEndpoint: s.cloud.endpoints.neonHttp,
        wsProxy: s.cloud.endpoints.neonWebSocketProxy,
        useSecureWebSocket: false,
      },
    }),
  },
  {
    name: "aurora_data_api",
    provider: "aurora_data_api",
    viaCloud: true,
    config: (s) => ({ provider: "aurora_data_api", ...s.demo.aurora }),
    environment: aws,
  },
  {
    name: "redshift (data api)",
    provider: "redshift",
    viaCloud: true,
    config: (s) => ({
      provider: "redshift",
      workgroupName: s.demo.redshift.workgroupName,
      database: s.demo.redshift.database,
      secretArn: s.demo.redshift.secretArn,
      region: s.demo.redshift.region,
      roleArn: s.demo.redshift.roleArn,
    }),
    environment: aws,
  },
  {
    name: "redshift (direct)",
    provider: "redshift",
    viaCloud: false,
    config: (s) => ({ provider: "redshift", connectionString: s.demo.connectionString }),
    environment: () => ({ network: "private_networks" }),
  },
];
