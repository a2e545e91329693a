import { appError, type AppErrorData } from "./errors";

/*
 * What free text from outside may contain: names, e-mails, message bodies, metadata. Checked where a
 * public or member-facing function takes the text, before anything is stored; what is already stored is
 * left as it is. Other invisible characters (zero-width, bidi marks) are allowed: they are legitimate in
 * some scripts and are not a storage or transcript hazard.
 */

export type FieldProblem = NonNullable<AppErrorData["fields"]>[number];

/** `line`: one line, no control characters at all. `multiline`: tabs and line breaks are allowed too. */
export type TextKind = "line" | "multiline";

// C0 controls, DEL and C1 controls; the multi-line form lets tab (U+0009) and line feed (U+000A) through.
// eslint-disable-next-line no-control-regex
const LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const MULTILINE_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** What is wrong with the text, as a field message ("must not contain control characters (U+0000)"), or null. */
export function textProblem(text: string, kind: TextKind = "line"): string | null {
  const control = text.match(kind === "line" ? LINE_CONTROL : MULTILINE_CONTROL)?.[0];
  if (control !== undefined) {
    const allowed = kind === "line" ? "" : " other than tab and line breaks";
    return `must not contain control characters${allowed} (found ${codePoint(control)})`;
  }
  const surrogate = text.match(LONE_SURROGATE)?.[0];
  if (surrogate !== undefined) {
    return `must be valid Unicode text (found an unpaired surrogate ${codePoint(surrogate)})`;
  }
  return null;
}

/** Carriage returns from pasted or form-encoded text become line feeds, so `\r\n` is not refused. */
export function normalizeLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** `[{field, message}]` for a bad text field, `[]` for a good one: to collect with other checks. */
export function textFieldProblems(field: string, text: string, kind: TextKind = "line"): FieldProblem[] {
  const message = textProblem(text, kind);
  return message === null ? [] : [{ field, message }];
}

/** Throws `invalid_input` naming the field when the text breaks the rules above. */
export function requireCleanText(field: string, text: string, kind: TextKind = "line"): void {
  throwIfProblems(textFieldProblems(field, text, kind));
}

export function throwIfProblems(fields: FieldProblem[]): void {
  if (fields.length === 0) return;
  const first = fields[0]!;
  const names = [...new Set(fields.map((f) => f.field))];
  const message =
    fields.length === 1
      ? `Check ${first.field}: it ${first.message}.`
      : `Check ${names.slice(0, -1).join(", ")}${names.length > 1 ? " and " : ""}${names.at(-1)}.`;
  throw appError("invalid_input", message, { fields });
}

export const METADATA_LIMITS = { maxKeys: 20, maxKeyLength: 40, maxValueLength: 200 } as const;
const METADATA_KEY = /^[A-Za-z0-9_.-]+$/;

/** A key as it may be shown back in a message: quoted, escaped, cut short. */
function shown(key: string): string {
  const cut =
    key.length > METADATA_LIMITS.maxKeyLength ? `${key.slice(0, METADATA_LIMITS.maxKeyLength)}…` : key;
  return JSON.stringify(cut);
}

/**
 * Contact-session metadata (what the embedding site passes about the visitor: plan, page, locale):
 * at most 20 keys of 1–40 characters from A–Z a–z 0–9 _ . -, each value one line of at most 200
 * characters. Too many keys is one problem, so a flood of keys does not make a flood of messages.
 */
export function metadataProblems(metadata: Record<string, string>): FieldProblem[] {
  const { maxKeys, maxKeyLength, maxValueLength } = METADATA_LIMITS;
  const entries = Object.entries(metadata);
  if (entries.length > maxKeys) {
    return [{ field: "metadata", message: `must have at most ${maxKeys} keys (has ${entries.length})` }];
  }
  const problems: FieldProblem[] = [];
  for (const [key, value] of entries) {
    if (key.length > maxKeyLength || !METADATA_KEY.test(key)) {
      problems.push({
        field: "metadata",
        message: `key ${shown(key)} must be 1 to ${maxKeyLength} characters of A-Z, a-z, 0-9, _, . and -`,
      });
      continue;
    }
    const field = `metadata.${key}`;
    if (value.length > maxValueLength) {
      problems.push({ field, message: `must be at most ${maxValueLength} characters (has ${value.length})` });
    } else {
      problems.push(...textFieldProblems(field, value));
    }
  }
  return problems;
}
