/**
 * The JSON conversions of Neon's SQL-over-HTTP proxy: request params to Postgres text, and (when
 * the client does not ask for raw text output) Postgres text to JSON values.
 */

const OID = { bool: 16, int2: 21, int4: 23, float4: 700, float8: 701, json: 114, jsonb: 3802 } as const;

/** Built-in array types and their element types; Neon knows them from the compute's catalog. */
// prettier-ignore
const ARRAY_ELEMENT_OIDS = new Map<number, number>([
  [1000, 16], [1001, 17], [1002, 18], [1003, 19], [1016, 20], [1005, 21], [1007, 23], [1009, 25],
  [1028, 26], [199, 114], [3807, 3802], [1021, 700], [1022, 701], [1014, 1042], [1015, 1043],
  [1182, 1082], [1183, 1083], [1115, 1114], [1185, 1184], [1187, 1186], [1231, 1700], [2951, 2950],
  [1270, 1266], [1041, 869], [651, 650], [1040, 829], [791, 790], [1561, 1560], [1563, 1562],
  [1017, 600], [1020, 603], [143, 142],
]);

/**
 * Params arrive as JSON; strings pass through, null is SQL NULL, other scalars and objects become
 * their JSON text and arrays become Postgres array literals (Neon's `json_to_pg_text`).
 */
export function jsonParamsToPgText(params: readonly unknown[]): (string | null)[] {
  return params.map((param) => {
    if (param === null) return null;
    if (typeof param === "string") return param;
    if (Array.isArray(param)) return jsonArrayToPgArray(param);
    return JSON.stringify(param);
  });
}

function jsonArrayToPgArray(value: unknown): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return `{${value.map((item) => jsonArrayToPgArray(item) ?? "NULL").join(",")}}`;
  // Inside an array literal strings need quoting; JSON string syntax escapes `"` and `\` the same way.
  if (typeof value === "object") return JSON.stringify(JSON.stringify(value));
  return JSON.stringify(value);
}

/** Converts one Postgres text value to what Neon puts in JSON when raw text output is off. */
export function pgTextToJson(text: string, typeOid: number): unknown {
  const element = ARRAY_ELEMENT_OIDS.get(typeOid);
  if (element !== undefined) return parsePgArray(text, element);
  switch (typeOid) {
    case OID.bool:
      return text === "t";
    case OID.int2:
    case OID.int4:
      return Number.parseInt(text, 10);
    case OID.float4:
    case OID.float8: {
      // NaN and ±Infinity have no JSON form, so Neon keeps them as strings.
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    }
    case OID.json:
    case OID.jsonb:
      return JSON.parse(text);
    default:
      return text;
  }
}

/**
 * Parses an array literal (`{1,NULL,"a b"}`, nested `{{1,2},{3,4}}`, bounds `[0:1]={...}`) into
 * nested JSON arrays, converting elements by the element type.
 */
function parsePgArray(text: string, elementOid: number): unknown[] {
  let literal = text;
  if (literal.startsWith("[")) literal = literal.slice(literal.indexOf("=") + 1);
  const reader = { text: literal.trimStart(), at: 0 };
  const result = readArray(reader, elementOid);
  if (reader.text.slice(reader.at).trim() !== "") throw new Error("unbalanced array");
  return result;
}

interface ArrayReader {
  text: string;
  at: number;
}

function readArray(reader: ArrayReader, elementOid: number): unknown[] {
  if (reader.text[reader.at] !== "{") throw new Error("unbalanced array");
  reader.at++;
  const items: unknown[] = [];
  skipSpaces(reader);
  if (reader.text[reader.at] === "}") {
    reader.at++;
    return items;
  }
  for (;;) {
    skipSpaces(reader);
    items.push(readItem(reader, elementOid));
    skipSpaces(reader);
    const next = reader.text[reader.at++];
    if (next === "}") return items;
    if (next !== ",") throw new Error("unbalanced array");
  }
}

function readItem(reader: ArrayReader, elementOid: number): unknown {
  const first = reader.text[reader.at];
  if (first === "{") return readArray(reader, elementOid);
  if (first === '"') {
    let value = "";
    reader.at++;
    for (;;) {
      const char = reader.text[reader.at++];
      if (char === undefined) throw new Error("unbalanced quoted string");
      if (char === '"') return pgTextToJson(value, elementOid);
      value += char === "\\" ? (reader.text[reader.at++] ?? "") : char;
    }
  }
  let end = reader.at;
  while (end < reader.text.length && reader.text[end] !== "," && reader.text[end] !== "}") end++;
  if (end >= reader.text.length) throw new Error("unbalanced array");
  const item = reader.text.slice(reader.at, end).trimEnd();
  reader.at = end;
  return item === "NULL" ? null : pgTextToJson(item, elementOid);
}

function skipSpaces(reader: ArrayReader): void {
  while (/\s/.test(reader.text[reader.at] ?? "")) reader.at++;
}
