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
export { registerDemoResources, DEMO, type DemoConnections } from "./demo-resources.ts";
export { FAULT_PRESETS, type FaultRule, type ServiceName } from "./http/faults.ts";
export type { EmulatorSettings } from "./settings.ts";
