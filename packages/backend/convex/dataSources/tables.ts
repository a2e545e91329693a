import { defineTable } from "convex/server";
import { v } from "convex/values";

export const vProvider = v.union(
  v.literal("neon"),
  v.literal("aurora_data_api"),
  v.literal("redshift"),
  v.literal("postgres"),
);

/** What a client may see of a config: never user, password or full connection string. */
export const vSummary = v.object({
  provider: vProvider,
  location: v.string(),
  database: v.string(),
  region: v.union(v.string(), v.null()),
});

export const vFailure = v.object({ code: v.string(), message: v.string(), retryable: v.boolean() });

export const vStatus = v.union(
  v.object({ kind: v.literal("untested") }),
  v.object({
    kind: v.literal("connected"),
    at: v.number(),
    latencyMs: v.number(),
    serverVersion: v.string(),
  }),
  v.object({ kind: v.literal("failing"), at: v.number(), error: vFailure }),
);

export const vSecretStorage = v.union(v.literal("secrets_manager"), v.literal("encrypted_table"));

export const dataSourceFields = {
  organizationId: v.id("organizations"),
  summary: vSummary,
  /** Where the config (the secret) lives; the document never holds it. */
  storage: vSecretStorage,
  /** Bumped on every save: caches of the decrypted config are keyed by it. */
  version: v.number(),
  status: vStatus,
  /** Set only for the demo organization's platform database, and shown as such. */
  platformDefault: v.boolean(),
  updatedAt: v.number(),
  updatedBy: v.id("users"),
};

export const vOwnerStep = v.object({
  /** Column of the current table... */
  column: v.string(),
  /** ...that references this table and column (a foreign key or a same-named key). */
  references: v.object({ schema: v.string(), table: v.string(), column: v.string() }),
});

/**
 * Columns of a shared table nobody outside the dashboard's data grid sees (national ids, IBANs, birth
 * dates, password hashes): never selected by lookups, model SQL or named lookups, never matched on,
 * never ingested, never given to the model (access/hiddenColumns.ts).
 */
const hiddenColumns = v.optional(v.array(v.string()));

export const vAccessPolicy = v.union(
  v.object({ kind: v.literal("public"), hiddenColumns }),
  v.object({
    kind: v.literal("customer"),
    /** From this table to the column that identifies the customer, e.g. orders.customer_id → customers.id → email. */
    ownerPath: v.array(vOwnerStep),
    /** The column at the end of the path matched against the verified contact (e-mail or id). */
    ownerColumn: v.string(),
    /**
     * A boolean column of this table marking rows the customer must not see even though they own them
     * (`is_internal` notes between agents): true hides the row from every contact path.
     */
    hiddenWhen: v.optional(v.string()),
    hiddenColumns,
  }),
  v.object({ kind: v.literal("private") }),
);

export const tablePolicyFields = {
  organizationId: v.id("organizations"),
  dataSourceId: v.id("dataSources"),
  schema: v.string(),
  table: v.string(),
  policy: vAccessPolicy,
  updatedAt: v.number(),
  updatedBy: v.id("users"),
};

export const vNamedLookupParameterType = v.union(
  v.literal("text"),
  v.literal("integer"),
  v.literal("number"),
  v.literal("date"),
  v.literal("boolean"),
);

export const vNamedLookupParameter = v.object({
  /** snake_case; the model's tool argument of the same name binds `$n` (n = position + 1). */
  name: v.string(),
  type: vNamedLookupParameterType,
  /** Shown to the model next to the argument. */
  description: v.string(),
});

/** What an admin writes; `save` checks every field and the SQL against the live catalog. */
export const namedLookupDefinition = {
  /** snake_case, unique per organization, at most 48 characters; the agent's tool is `lookup_<name>`. */
  name: v.string(),
  /** What the lookup answers, for the model choosing a tool (and for the offline planner's word match). */
  description: v.string(),
  /** One SELECT with placeholders `$1..$n`, one per parameter in order. */
  sql: v.string(),
  parameters: v.array(vNamedLookupParameter),
};

export const vNamedLookupDefinition = v.object(namedLookupDefinition);

export const namedLookupFields = {
  organizationId: v.id("organizations"),
  dataSourceId: v.id("dataSources"),
  ...namedLookupDefinition,
  updatedAt: v.number(),
  updatedBy: v.id("users"),
};

export const dataSourceTables = {
  dataSources: defineTable(dataSourceFields).index("by_organizationId", ["organizationId"]),
  /**
   * AES-256-GCM encrypted configs when AWS Secrets Manager is not configured. Only internal functions
   * read this table.
   */
  encryptedSecrets: defineTable({
    organizationId: v.id("organizations"),
    /** Fingerprint of the key that encrypted it: a changed key is reported, not mis-decrypted. */
    keyId: v.string(),
    iv: v.string(),
    ciphertext: v.string(),
  }).index("by_organizationId", ["organizationId"]),
  tablePolicies: defineTable(tablePolicyFields).index("by_dataSourceId_and_schema_and_table", [
    "dataSourceId",
    "schema",
    "table",
  ]),
  /** Parameterized queries an admin defined; removed with their data source. */
  namedLookups: defineTable(namedLookupFields).index("by_organizationId_and_name", [
    "organizationId",
    "name",
  ]),
};
