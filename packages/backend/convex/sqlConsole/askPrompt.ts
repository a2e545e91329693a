import type { TableInfo } from "@answerbase/connectors";
import { hiddenColumnsOf, withoutHiddenColumns } from "../access/hiddenColumns";
import { policyOf, readableTables, type PolicyMap } from "../access/viewer";
import { appError } from "../lib/errors";

/*
 * The text "Ask in English" sends a provider model, and how its answers are read back. The catalog is
 * what the agent works from for an admin (`readableTables` for the admin viewer: every table), with
 * each policy's hidden columns left out: those never leave the database for anyone but the
 * dashboard's grid, and a provider model is not the grid. The rows the answer is written from lose
 * result columns named like a hidden column for the same reason (an alias of a hidden column in SQL
 * the admin edited by hand is not caught: the result does not say which table a column came from).
 */

/** Enough for a few hundred tables; a larger catalog is cut and the prompt says so. */
const MAX_CATALOG_CHARS = 60_000;
/** Rows of the page the answer is written from, and the characters kept of each cell. */
const MAX_ANSWER_ROWS = 50;
const MAX_CELL_CHARS = 200;
export const MAX_GENERATED_SQL_CHARS = 5_000;

function describeTable(table: TableInfo): string {
  const keys = new Set(table.primaryKey);
  const references = new Map(
    table.foreignKeys
      .filter((fk) => fk.columns.length === 1)
      .map((fk) => [
        fk.columns[0]!,
        `${fk.references.schema}.${fk.references.name}(${fk.references.columns.join(", ")})`,
      ]),
  );
  const columns = table.columns.map((column) =>
    [
      column.name,
      column.nativeType,
      keys.has(column.name) ? "primary key" : "",
      references.has(column.name) ? `references ${references.get(column.name)}` : "",
      column.comment === null ? "" : `-- ${column.comment}`,
    ]
      .filter((part) => part !== "")
      .join(" "),
  );
  const about = [
    table.kind === "table" ? "" : table.kind.replace(/_/g, " "),
    table.estimatedRows === null ? "" : `about ${table.estimatedRows} rows`,
    table.comment ?? "",
  ].filter((part) => part !== "");
  return `${table.schema}.${table.name}${about.length > 0 ? ` (${about.join("; ")})` : ""}\n  ${columns.join("\n  ")}`;
}

/** Every table an admin reads, without hidden columns, as the model reads it. */
export function catalogForModel(catalog: readonly TableInfo[], policies: PolicyMap): string {
  const described: string[] = [];
  let length = 0;
  const tables = readableTables(catalog, policies, { kind: "admin" });
  for (const { table, policy } of tables) {
    const text = describeTable(withoutHiddenColumns(table, policy));
    if (length + text.length > MAX_CATALOG_CHARS) {
      described.push(`(${tables.length - described.length} more tables not listed)`);
      break;
    }
    described.push(text);
    length += text.length;
  }
  return described.join("\n");
}

/** Names of columns hidden on any table: kept from the model when a result column carries one. */
export function hiddenColumnNames(catalog: readonly TableInfo[], policies: PolicyMap): Set<string> {
  return new Set(catalog.flatMap((table) => [...hiddenColumnsOf(policyOf(policies, table))]));
}

export function draftInstructions(organizationName: string): string {
  return [
    `You write SQL for an administrator of ${organizationName}, over their PostgreSQL database.`,
    "Answer with exactly one read-only PostgreSQL SELECT (WITH is fine) in a ```sql block and nothing else.",
    "Use only the tables and columns listed; qualify table names with their schema. Prefer readable",
    "columns over ids, add ORDER BY when the order matters, and LIMIT 100 unless the question asks for a",
    "count or every row. Never write INSERT, UPDATE, DELETE, DDL or SET: the statement is checked and",
    "refused otherwise. If the tables cannot answer the question, answer `-- cannot: <why>` instead.",
  ].join("\n");
}

export function draftPrompt(question: string, catalogText: string): string {
  return `Tables:\n${catalogText}\n\nQuestion: ${question}`;
}

const STATEMENT_START =
  /^(\(|--|\/\*|(select|with|values|table|explain|insert|update|delete|merge|create|alter|drop|truncate|grant|revoke|set|copy|call|do)\b)/i;

/**
 * The statement in the model's answer: the first ```sql block, else the whole text. A `-- cannot:`
 * answer, or text that is no statement, is `invalid_input` with what the model said.
 */
export function extractSql(text: string): string {
  const fenced = /```(?:sql|postgresql|postgres)?[ \t]*\r?\n([\s\S]*?)```/i.exec(text);
  const sql = (fenced?.[1] ?? text).trim().replace(/;\s*$/, "").trim();
  const cannot = /^--\s*cannot:\s*(.*)$/im.exec(sql);
  if (cannot !== null) {
    throw appError("invalid_input", `The model could not write SQL for this question: ${cannot[1]!.trim()}`);
  }
  // Prose is refused here; any statement (a write too) goes on, for the review and the guard to judge.
  if (sql === "" || (fenced === null && !STATEMENT_START.test(sql))) {
    throw appError(
      "invalid_input",
      `The model did not answer with a SQL statement: ${JSON.stringify(text.slice(0, 300))}`,
    );
  }
  if (sql.length > MAX_GENERATED_SQL_CHARS) {
    throw appError(
      "invalid_input",
      `The model wrote ${sql.length} characters of SQL; at most ${MAX_GENERATED_SQL_CHARS} are taken.`,
    );
  }
  return sql;
}

export function answerInstructions(): string {
  return [
    "You answer an administrator's question about their own database in ONE sentence, from the rows",
    "given only. Say the numbers and names that answer it; if the rows are empty, say nothing matched.",
    "If more rows exist than shown, say the answer covers the rows shown. Never invent values.",
  ].join("\n");
}

interface AnswerPage {
  columns: readonly { name: string }[];
  rows: readonly (readonly unknown[])[];
  hasMore: boolean;
}

/** The question, the SQL and the page's rows (hidden-named columns left out), for the answer. */
export function answerPrompt(
  question: string,
  sql: string,
  page: AnswerPage,
  hidden: ReadonlySet<string>,
): { prompt: string; withheld: string[] } {
  const kept = page.columns.flatMap((column, i) => (hidden.has(column.name) ? [] : [i]));
  const withheld = page.columns.filter((column) => hidden.has(column.name)).map((column) => column.name);
  const cell = (value: unknown) => {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
  };
  const rows = page.rows.slice(0, MAX_ANSWER_ROWS).map((row) => kept.map((i) => cell(row[i] ?? null)));
  const shown =
    page.rows.length > MAX_ANSWER_ROWS || page.hasMore
      ? `the first ${rows.length} rows (more exist)`
      : `all ${rows.length} rows`;
  const prompt = [
    `Question: ${question}`,
    `SQL that ran: ${sql}`,
    `Columns: ${JSON.stringify(kept.map((i) => page.columns[i]!.name))}`,
    `Rows, ${shown}:`,
    ...rows.map((row) => JSON.stringify(row)),
    ...(withheld.length > 0 ? [`(Hidden columns not shown to you: ${withheld.join(", ")}.)`] : []),
  ].join("\n");
  return { prompt, withheld };
}

/** The model's answer cut to its first sentence, whitespace collapsed. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const [first] = new Intl.Segmenter("en", { granularity: "sentence" }).segment(flat);
  const sentence = (first?.segment ?? "").trim();
  if (sentence === "") throw appError("internal", "The model wrote no answer; try again.");
  return sentence;
}
