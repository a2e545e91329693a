import { v } from "convex/values";
import { vNetworkAccess } from "../organizations/tables";
import { vAccessPolicy, vFailure, vProvider, vSecretStorage, vStatus, vSummary } from "./tables";

/* Shapes the data source functions return to the dashboard (never a secret). */

export const vDataSourceView = v.object({
  dataSourceId: v.id("dataSources"),
  provider: vProvider,
  summary: vSummary,
  storage: vSecretStorage,
  status: vStatus,
  platformDefault: v.boolean(),
  updatedAt: v.number(),
});

export const vTableRef = { schema: v.string(), table: v.string() };

export const vColumnInfo = v.object({
  name: v.string(),
  type: v.string(),
  nativeType: v.string(),
  nullable: v.boolean(),
  comment: v.union(v.string(), v.null()),
});

export const vTableSummary = v.object({
  schema: v.string(),
  name: v.string(),
  kind: v.string(),
  comment: v.union(v.string(), v.null()),
  estimatedRows: v.union(v.number(), v.null()),
  columns: v.array(vColumnInfo),
  primaryKey: v.array(v.string()),
  foreignKeys: v.array(
    v.object({
      name: v.string(),
      columns: v.array(v.string()),
      references: v.object({ schema: v.string(), name: v.string(), columns: v.array(v.string()) }),
    }),
  ),
  /** The saved policy, or private when none was saved. */
  policy: vAccessPolicy,
  policyIsSaved: v.boolean(),
  suggestion: v.object({ policy: vAccessPolicy, reason: v.string() }),
});

export const vPreviewPage = v.object({
  columns: v.array(v.object({ name: v.string(), type: v.string(), nativeType: v.string() })),
  /** Cells in column order; json cells as JSON text, 64-bit integers and numerics as strings. */
  rows: v.array(v.array(v.any())),
  nextCursor: v.union(v.string(), v.null()),
  orderedBy: v.array(v.string()),
});

export const vTestResult = v.union(
  v.object({
    kind: v.literal("connected"),
    latencyMs: v.number(),
    serverVersion: v.string(),
    database: v.string(),
  }),
  v.object({ kind: v.literal("failing"), error: vFailure }),
);

/** A config encrypted with the deployment's key (lib: dataSources/secretBox.ts). */
export const vSealedSecret = v.object({ keyId: v.string(), iv: v.string(), ciphertext: v.string() });

/** A data source as an action opens it: internal only, `sealed` is the encrypted config. */
export const vDataSourceAccess = v.object({
  dataSourceId: v.id("dataSources"),
  version: v.number(),
  storage: vSecretStorage,
  summary: vSummary,
  sealed: v.union(vSealedSecret, v.null()),
  network: vNetworkAccess,
});

export const vSavedPolicy = v.object({ schema: v.string(), table: v.string(), policy: vAccessPolicy });
