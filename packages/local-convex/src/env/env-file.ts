import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/**
 * Deployment environment variables from `--env-file`, read on every start of the server, so they are
 * set again after a `dev` restart. A `.json` file holds one object of string values (safe for any
 * value); any other file is dotenv (`NAME=value` lines, as `node --env-file` reads them).
 */
export function readEnvFile(file: string): Record<string, string> {
  const text = readFileSync(file, "utf8");
  if (!file.endsWith(".json")) return parseEnv(text) as Record<string, string>;
  const parsed: unknown = JSON.parse(text);
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((value) => typeof value !== "string")
  ) {
    throw new Error(`${file} must hold one JSON object whose values are strings`);
  }
  return parsed as Record<string, string>;
}
