export {
  startLocalCloud,
  type LocalCloud,
  type LocalCloudOptions,
  type CloudContext,
} from "./local-cloud.ts";
export {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from "./postgres/embedded-postgres.ts";
export { applyDemoSchema, DEMO_SCHEMA_PATH } from "./postgres/demo-schema.ts";
export { applySqlScript, SqlScriptError } from "./sql/apply-sql-script.ts";
export {
  registerDemoResources,
  trustDemoOrganizations,
  DEMO,
  type DemoConnections,
  type DemoResourceOptions,
} from "./demo-resources.ts";
export { LOCAL_PLATFORM, type Caller, type Role } from "./iam/iam-registry.ts";
export { externalIdTrustPolicy } from "./iam/trust-policy.ts";
export { LOCAL_ACCOUNT_ID, LOCAL_REGION } from "./secrets-manager/secret-store.ts";
export { FAULT_PRESETS, type FaultRule, type ServiceName } from "./http/faults.ts";
export type { EmulatorSettings } from "./settings.ts";
export { startLocalStack, portError, type LocalStack } from "./local-stack.ts";
export { describeLocalStack } from "./describe-stack.ts";
export { readEnv, parseEnv, loadDotEnv, LocalCloudEnvSchema, type LocalCloudEnv } from "./env.ts";
export { StartupError } from "./startup-error.ts";
export { startDemoCrm, type DemoCrm, type DemoCrmOptions, type LoggedRequest } from "./crm/demo-crm.ts";
