import { randomBytes } from "node:crypto";

/**
 * AWS sends 64-bit integers (`longValue`) as bare JSON numbers with every digit. JSON.stringify can
 * only write JS numbers, which round past 2^53, so an emulator puts an `ExactInteger` where the number
 * goes and `stringifyWithExactIntegers` writes its digits unquoted. The marker carries a per-process
 * nonce so no string value can be mistaken for one.
 */
const MARKER = `exact-integer-${randomBytes(8).toString("hex")}:`;

export class ExactInteger {
  constructor(readonly digits: string) {
    if (!/^-?\d+$/.test(digits)) throw new TypeError(`not an integer: ${digits}`);
  }
  toJSON(): string {
    return `${MARKER}${this.digits}`;
  }
}

/** A JS number when it is exact, an ExactInteger otherwise. */
export function exactInteger(text: string): number | ExactInteger {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : new ExactInteger(text.trim());
}

const MARKER_PATTERN = new RegExp(`"${MARKER}(-?\\d+)"`, "g");

export function stringifyWithExactIntegers(value: unknown): string {
  return JSON.stringify(value).replace(MARKER_PATTERN, "$1");
}
