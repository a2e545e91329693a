/** A Postgres array value: elements as Postgres text (or null); nested lists for extra dimensions. */
export type ArrayTree = (string | null | ArrayTree)[];

/**
 * Parses the text output of a Postgres array (`{1,2,NULL}`, `{"a b","q\"x"}`, `{{1,2},{3,4}}`,
 * `[0:1]={7,8}`), following the rules of `array_out`: double quotes with backslash escapes, an
 * unquoted NULL is SQL null, `delimiter` is the element type's `typdelim` (`;` for box).
 */
export function parsePgArray(text: string, delimiter = ","): ArrayTree {
  // Non-default lower bounds come first as `[0:1]=`; the elements follow.
  const start = text.startsWith("[") ? text.indexOf("=") + 1 : 0;
  const parser = { text, i: start };
  return parseList(parser, delimiter);
}

function parseList(p: { text: string; i: number }, delimiter: string): ArrayTree {
  if (p.text[p.i] !== "{") throw new SyntaxError(`malformed array literal: ${p.text}`);
  p.i++;
  const items: ArrayTree = [];
  if (p.text[p.i] === "}") {
    p.i++;
    return items;
  }
  for (;;) {
    const ch = p.text[p.i];
    if (ch === "{") items.push(parseList(p, delimiter));
    else if (ch === '"') items.push(parseQuoted(p));
    else items.push(parseBare(p, delimiter));
    const next = p.text[p.i++];
    if (next === "}") return items;
    if (next !== delimiter) throw new SyntaxError(`malformed array literal: ${p.text}`);
  }
}

function parseQuoted(p: { text: string; i: number }): string {
  let value = "";
  p.i++;
  while (p.i < p.text.length) {
    const ch = p.text[p.i++];
    if (ch === "\\") value += p.text[p.i++] ?? "";
    else if (ch === '"') return value;
    else value += ch;
  }
  throw new SyntaxError(`malformed array literal: ${p.text}`);
}

function parseBare(p: { text: string; i: number }, delimiter: string): string | null {
  let value = "";
  while (p.i < p.text.length) {
    const ch = p.text[p.i];
    if (ch === delimiter || ch === "}") break;
    if (ch === "\\") {
      value += p.text[p.i + 1] ?? "";
      p.i += 2;
    } else {
      value += ch;
      p.i++;
    }
  }
  const trimmed = value.trim();
  return trimmed.toUpperCase() === "NULL" ? null : trimmed;
}

/** Number of nested levels of a parsed array (1 for `{1,2}`, 2 for `{{1},{2}}`). */
export function arrayDepth(tree: ArrayTree): number {
  const first = tree.find((item) => item !== null);
  return Array.isArray(first) ? 1 + arrayDepth(first) : 1;
}
