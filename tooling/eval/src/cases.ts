import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Viewer } from "./agent.ts";

/** The cases shipped for the demo database and documents (`pnpm eval` without `--cases`). */
export const DEMO_CASES = fileURLToPath(new URL("../cases/demo.json", import.meta.url));

const contactSchema = z.union([
  z.literal("admin"),
  z.literal("anonymous"),
  z.object({ email: z.string().trim().min(3), verified: z.boolean() }).strict(),
]);

/** One question, who asks it, and what the answer must (and must never) contain. README.md documents it. */
export const evalCaseSchema = z
  .object({
    id: z.string().trim().min(1),
    question: z.string(),
    contact: contactSchema,
    expect: z.enum(["database", "knowledge_base", "none"]),
    mustInclude: z.array(z.string().min(1)).default([]),
    mustNotInclude: z.array(z.string().min(1)).default([]),
    tags: z.array(z.string()).default([]),
  })
  .strict();

export type EvalCase = z.infer<typeof evalCaseSchema>;
export type Contact = EvalCase["contact"];

export class CasesFileError extends Error {}

/**
 * The cases of a `.json` file (an array) or a `.jsonl` file (one case a line). Every problem is
 * reported with the case's position and field, and ids must be unique, so a typo never drops a case.
 */
export function parseCases(text: string, fileName: string): EvalCase[] {
  const entries = fileName.endsWith(".jsonl") ? parseLines(text, fileName) : parseArray(text, fileName);
  const cases: EvalCase[] = [];
  const problems: string[] = [];
  entries.forEach(({ where, value }) => {
    const parsed = evalCaseSchema.safeParse(value);
    if (parsed.success) cases.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        problems.push(`${where}: ${issue.path.join(".") || "(case)"}: ${issue.message}`);
      }
  });
  const seen = new Set<string>();
  for (const { id } of cases) {
    if (seen.has(id)) problems.push(`id "${id}" is used by more than one case`);
    seen.add(id);
  }
  if (problems.length > 0) throw new CasesFileError(`${fileName}:\n  ${problems.join("\n  ")}`);
  return cases;
}

type Entry = { where: string; value: unknown };

function parseArray(text: string, fileName: string): Entry[] {
  const value = parseJson(text, fileName);
  if (!Array.isArray(value)) throw new CasesFileError(`${fileName}: expected a JSON array of cases`);
  return value.map((item: unknown, index) => ({ where: caseLabel(item, `case ${index + 1}`), value: item }));
}

function parseLines(text: string, fileName: string): Entry[] {
  return text.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    const value = parseJson(line, `${fileName} line ${index + 1}`);
    return [{ where: caseLabel(value, `line ${index + 1}`), value }];
  });
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CasesFileError(`${where}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

function caseLabel(value: unknown, position: string): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === "string" ? `${position} ("${id}")` : position;
}

export async function loadCases(file: string): Promise<EvalCase[]> {
  return parseCases(await readFile(file, "utf8"), file);
}

/** Cases whose id, question or a tag contains `text` (case-insensitive). */
export function filterCases(cases: EvalCase[], text: string | undefined): EvalCase[] {
  if (text === undefined || text.trim() === "") return cases;
  const needle = text.trim().toLowerCase();
  return cases.filter((c) =>
    [c.id, c.question, ...c.tags].some((field) => field.toLowerCase().includes(needle)),
  );
}

/**
 * Who the backend sees. An unverified contact's e-mail is only a claim, so it never becomes the owner
 * key: the widget would send the same thing.
 */
export function viewerOf(contact: Contact): Viewer {
  if (contact === "admin") return { kind: "admin" };
  if (contact === "anonymous") return { kind: "contact", verifiedOwnerKey: null };
  return { kind: "contact", verifiedOwnerKey: contact.verified ? contact.email.toLowerCase() : null };
}

export function describeContact(contact: Contact): string {
  if (typeof contact === "string") return contact;
  return `${contact.email}${contact.verified ? "" : " (unverified)"}`;
}
