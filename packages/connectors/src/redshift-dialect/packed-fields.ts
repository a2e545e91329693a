/**
 * Several text values in ONE column, so a catalog row costs the Redshift Data API one field instead
 * of a dozen: each value is written as `<length>:<value>` (length in characters) or `~` for NULL,
 * which any content survives, separators included. The SDK's parsing of one `{ stringValue }` per
 * field dominated listTables on 2,000 tables (168,000 fields, most of a second plus the garbage it
 * left); packed, it is 14,000.
 *
 * SQL side: `||`, COALESCE, CAST and LENGTH, which Redshift's leader node and PostgreSQL both have and
 * both count in characters (code points), so the reader counts code points too, not UTF-16 units.
 */

/** SQL packing `expressions` (each a text or integer expression) into one VARCHAR. */
export function packFieldsSql(expressions: readonly string[], length: number): string {
  const packed = expressions.map((expression) => {
    const value = `CAST(${expression} AS VARCHAR(${length}))`;
    return `COALESCE(CAST(LENGTH(${value}) AS VARCHAR(8)) || ':' || ${value}, '~')`;
  });
  return `CAST(${packed.join("\n    || ")} AS VARCHAR(${length * expressions.length}))`;
}

/** The values `packFieldsSql` packed, in order; a malformed text is a bug, so it throws. */
export function unpackFields(packed: string): (string | null)[] {
  const values: (string | null)[] = [];
  let at = 0;
  while (at < packed.length) {
    if (packed[at] === "~") {
      values.push(null);
      at += 1;
      continue;
    }
    const colon = packed.indexOf(":", at);
    const characters = Number(packed.slice(at, colon));
    if (colon < 0 || !Number.isInteger(characters)) throw new Error("malformed packed fields");
    let end = colon + 1;
    for (let read = 0; read < characters; read++) {
      const unit = packed.charCodeAt(end);
      end += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1; // a surrogate pair is one character
    }
    if (end > packed.length) throw new Error("malformed packed fields");
    values.push(packed.slice(colon + 1, end));
    at = end;
  }
  return values;
}
