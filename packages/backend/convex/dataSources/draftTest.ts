"use node";

import { createConnector, parseDataSourceConfig } from "@answerbase/connectors";
import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import type { vTestResult } from "./validators";
import type { Acting } from "./operations";
import { toAppError } from "./connection";
import { connectorEnvironment } from "../lib/env";
import { enforceRateLimit } from "../lib/rateLimits";

const TIMEOUT_MS = 10_000;

/**
 * Tests a configuration before it is saved, so that the dashboard can gate "Save" on a passing test.
 * Nothing is stored: not the config, not a status (the saved data source, if any, keeps its own). A
 * config that does not parse throws with its field errors, as a save would; a connection that fails is
 * an answer, as for `testConnection`. Audited like any connection test, with its outcome.
 */
export async function testDraftConnection(
  ctx: ActionCtx,
  acting: Acting,
  input: unknown,
): Promise<Infer<typeof vTestResult>> {
  await enforceRateLimit(ctx, "testConnection", acting.organizationId);
  let config;
  try {
    config = parseDataSourceConfig(input);
  } catch (error) {
    throw toAppError(error);
  }
  const network = await ctx.runQuery(internal.system.dataSourceRecords.networkAccessOf, {
    organizationId: acting.organizationId,
  });
  const started = performance.now();
  const connector = createConnector(config, connectorEnvironment(network, acting.organizationId));
  let result: Infer<typeof vTestResult>;
  try {
    const tested = await connector.test({ timeoutMs: TIMEOUT_MS });
    result = {
      kind: "connected",
      latencyMs: tested.latencyMs,
      serverVersion: tested.serverVersion,
      database: tested.database,
    };
  } catch (thrown) {
    const { code, message, retryable } = toAppError(thrown).data;
    result = { kind: "failing", error: { code, message, retryable: retryable ?? false } };
  } finally {
    await connector.close();
  }
  await ctx.runMutation(internal.system.audit.record, {
    organizationId: acting.organizationId,
    actor: acting.actor,
    operation: "test_connection",
    durationMs: Math.round(performance.now() - started),
    outcome: result.kind === "connected" ? { kind: "ok" } : { kind: "error", code: result.error.code },
  });
  return result;
}
