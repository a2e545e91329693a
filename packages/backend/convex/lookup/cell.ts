import type { JsonValue } from "@answerbase/connectors";
import type { LookupCell } from "@answerbase/models/language";

/** A database value as the model and the sources panel see it: scalars as they are, the rest as JSON. */
export function cell(value: JsonValue | undefined): LookupCell {
  if (value === undefined) return null;
  if (value === null || typeof value !== "object") return value;
  return JSON.stringify(value);
}
