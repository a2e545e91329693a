import { ConnectorError } from "../core/errors.ts";

/** Plain JSON of libpg-query's tree: nodes are `{ TypeName: body }`, struct fields are lower case. */
export type Json = Record<string, unknown>;

/** `name` or `pg_catalog.name` → `name`; anything in another schema → null. */
export function builtinName(parts: string[]): string | null {
  if (parts.length === 1) return parts[0] ?? null;
  if (parts.length === 2 && parts[0] === "pg_catalog") return parts[1] ?? null;
  return null;
}

/** The names in a list of `String` nodes; other nodes become `otherwise` (or are skipped when null). */
export function stringList(value: unknown, otherwise: string | null = "?"): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const name = (item as { String?: { sval?: unknown } }).String?.sval;
    if (typeof name === "string") return [name];
    return otherwise === null ? [] : [otherwise];
  });
}

/** The tag and body of a node (`{ SelectStmt: {...} }`); `internal` if the parser's JSON ever changes shape. */
export function onlyEntry(node: Json): [string, unknown] {
  const entries = Object.entries(node);
  const [first] = entries;
  if (entries.length !== 1 || !first) throw new ConnectorError("internal", "Unexpected parse tree shape.");
  return first;
}

/** A struct or node body; `internal` if the parser's JSON ever changes shape. */
export function asJson(value: unknown): Json {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConnectorError("internal", "Unexpected parse tree shape.");
  }
  return value as Json;
}
