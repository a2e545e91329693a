"use node";

import { insertPostgresRow, isConnectorError, type InsertedRow } from "@answerbase/connectors";
import { EGRESS_REFUSED_MESSAGE, type NetworkAccess } from "@answerbase/egress";
import type { Id } from "../_generated/dataModel";
import { openSecret, type SealedSecret } from "../dataSources/secretBox";
import { encryptionKey } from "../lib/env";
import { writeCredentialAdditionalData } from "./model";
import type { InsertTarget } from "./tables";
import type { InputValue } from "./templates";

/*
 * A `db_insert` run: the write credential opened here (and nowhere else), the row built from the saved
 * column mapping (the model chose neither table nor columns) and inserted with every value bound
 * (packages/connectors postgres-row-insert.ts). Never retried: a repeat would add a second row. Failures
 * are told to the customer in plain words and kept for operators with the SQLSTATE and the database's
 * own message.
 */

export interface InsertAction {
  _id: Id<"agentActions">;
  organizationId: Id<"organizations">;
  insert?: InsertTarget;
  timeoutMs: number;
}

export type InsertOutcome =
  | { kind: "inserted"; row: InsertedRow; fields: { field: string; value: InputValue }[] }
  | { kind: "error"; code: string; message: string; detail: string; durationMs: number };

/** What the customer reads for each failure (operators get `detail`). */
const REFUSED = "the system that keeps these records did not accept it";
const UNREACHABLE = "the system that keeps these records could not be reached";

function describeFailure(error: unknown): { code: string; message: string; detail: string } {
  if (!isConnectorError(error))
    return { code: "internal", message: UNREACHABLE, detail: String(error).slice(0, 300) };
  const state = error.sqlState === undefined ? "" : `SQLSTATE ${error.sqlState}: `;
  const detail = `${state}${error.message}`.slice(0, 1_000);
  // Class 23: a constraint (unique, not null, foreign key, check); 42501: the role may not insert here;
  // class 22: a value the column's type refuses. The database said no; asking again will not help.
  if (
    error.sqlState?.startsWith("23") ||
    error.sqlState?.startsWith("22") ||
    error.code === "permission" ||
    error.code === "invalid_input"
  )
    return { code: "insert_refused", message: REFUSED, detail };
  if (error.code === "timeout")
    return {
      code: "timeout",
      message: "the system that keeps these records did not answer in time",
      detail,
    };
  if (error.code === "forbidden_network")
    return {
      code: "forbidden_network",
      message: "the system that keeps these records cannot be reached from here",
      detail: EGRESS_REFUSED_MESSAGE,
    };
  return {
    code: error.code === "auth" ? "write_credential_refused" : error.code,
    message: UNREACHABLE,
    detail,
  };
}

/** Inserts the run's row (or, for "Test", inserts and rolls back) through the action's write credential. */
export async function runInsert(
  action: InsertAction,
  sealedCredential: SealedSecret | null,
  values: ReadonlyMap<string, InputValue>,
  network: NetworkAccess,
  rollback: boolean,
): Promise<InsertOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = action.insert;
  if (target === undefined || sealedCredential === null)
    return {
      kind: "error",
      code: "invalid_config",
      message: UNREACHABLE,
      detail: "The action has no table or no write credential saved; edit it on the Actions page.",
      durationMs: elapsed(),
    };
  try {
    const connectionString = await openSecret(
      sealedCredential,
      encryptionKey(),
      writeCredentialAdditionalData(action.organizationId, action._id),
    );
    const row = await insertPostgresRow(connectionString, network, {
      table: { schema: target.schema, name: target.table },
      values: target.columns.map(({ column, input }) => ({ column, value: values.get(input) ?? null })),
      returning: target.returning,
      timeoutMs: action.timeoutMs,
      rollback,
    });
    return {
      kind: "inserted",
      row,
      fields: Object.entries(row.key).map(([field, value]) => ({ field, value })),
    };
  } catch (error) {
    return { kind: "error", ...describeFailure(error), durationMs: elapsed() };
  }
}
