/*
 * `{{name}}` placeholders in an action's URL and body templates. In the URL a value is percent-encoded
 * (only the path and query may hold placeholders, so a value never chooses the host); in the body each
 * placeholder stands where a JSON value goes and is replaced by the value's JSON, so a value can never
 * add keys or close a string.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type InputValue = string | number | boolean | null;

/** The input names a template uses, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

export function fillUrl(template: string, values: ReadonlyMap<string, InputValue>): string {
  return template.replace(PLACEHOLDER, (_all, name: string) =>
    encodeURIComponent(String(values.get(name) ?? "")),
  );
}

export function fillBody(template: string, values: ReadonlyMap<string, InputValue>): string {
  return template.replace(PLACEHOLDER, (_all, name: string) => JSON.stringify(values.get(name) ?? null));
}

/** The template's scheme and host without any placeholder, or why not. */
export function staticOrigin(template: string): { origin: URL } | { problem: string } {
  const firstPlaceholder = template.search(/\{\{/);
  let parsed: URL;
  try {
    parsed = new URL(template.replace(PLACEHOLDER, "x"));
  } catch {
    return { problem: "Enter an http:// or https:// URL; inputs go in {{name}} placeholders." };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return { problem: "Enter an http:// or https:// URL." };
  if (parsed.username !== "" || parsed.password !== "")
    return { problem: "Put credentials in a secret header, not in the URL." };
  const hostEnd = template.indexOf("/", template.indexOf("//") + 2);
  if (firstPlaceholder !== -1 && (hostEnd === -1 || firstPlaceholder < hostEnd))
    return { problem: "Placeholders may only stand in the URL's path or query, never in its host." };
  return { origin: parsed };
}

/** Whether the body template is JSON once every placeholder holds a value. */
export function bodyProblem(template: string): string | null {
  try {
    JSON.parse(template.replace(PLACEHOLDER, "null"));
    return null;
  } catch (error) {
    return `The body must be JSON with {{name}} where a value goes (${(error as Error).message}).`;
  }
}
