import { AwsServiceError } from "../http/aws-error.ts";

/**
 * `longValue` is a JSON number on the wire and may carry a full 64-bit integer (other SDKs than
 * JavaScript's send 9223372036854775807 as is). `JSON.parse` would round it to a double, so integers
 * outside the safe range are swapped for a marker string before parsing and read back exactly.
 */
const BIG_INTEGER_MARKER = "\u0000bigint:";
const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses a request body like `JSON.parse`, keeping integers beyond ±2^53 as marker strings. */
export function parseRequestJson(body: Buffer): unknown {
  const text = body.toString("utf8");
  if (text.trim() === "") return {};
  let rewritten = "";
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i = endOfString(text, i);
      continue;
    }
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) {
      NUMBER_TOKEN.lastIndex = i;
      const token = NUMBER_TOKEN.exec(text)?.[0];
      if (!token) {
        i++;
        continue;
      }
      if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        rewritten += text.slice(copiedUpTo, i) + JSON.stringify(BIG_INTEGER_MARKER + token);
        copiedUpTo = i + token.length;
      }
      i += token.length;
      continue;
    }
    i++;
  }
  try {
    return JSON.parse(rewritten + text.slice(copiedUpTo));
  } catch (error) {
    throw new AwsServiceError(
      "SerializationException",
      `request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "\\") i += 2;
    else if (text[i] === '"') return i + 1;
    else i++;
  }
  return text.length;
}

/** The decimal digits of a JSON integer: a safe JS number, or one kept exact by `parseRequestJson`. */
export function integerText(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  if (typeof value === "string" && value.startsWith(BIG_INTEGER_MARKER))
    return value.slice(BIG_INTEGER_MARKER.length);
  return undefined;
}

/** A JSON number as a double, including huge integers `parseRequestJson` kept as markers. */
export function numberValue(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  const digits = integerText(value);
  return digits === undefined ? undefined : Number(digits);
}
