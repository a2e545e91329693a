import { z } from "zod";
import { MAX_QUESTION_CHARS } from "../shared/sqlConsole";
import { CONSOLE_PAGE_SIZES } from "../sqlConsole/validators";

/* The shapes of `POST /v1/sql` and `POST /v1/ask` (the SQL console over HTTP; sqlRoutes.ts). */

const [SMALL, MEDIUM, LARGE] = CONSOLE_PAGE_SIZES;
/** 10,000 pages of 500 rows: OFFSET re-reads every skipped row, so deeper pages are refused. */
const MAX_PAGE = 10_000;

const pageSizeSchema = z
  .union([z.literal(SMALL), z.literal(MEDIUM), z.literal(LARGE)])
  .default(MEDIUM)
  .describe(`Rows per page: ${CONSOLE_PAGE_SIZES.join(", ")}.`);

export const sqlBodySchema = z.strictObject({
  sql: z
    .string()
    .trim()
    .min(1)
    .max(100_000)
    .describe("One read-only SELECT (WITH allowed); `$1..$n` take `params`."),
  params: z
    .array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .max(100)
    .default([])
    .describe("Values of `$1..$n`; text is cast by the database."),
  page: z
    .number()
    .int()
    .min(0)
    .max(MAX_PAGE)
    .default(0)
    .describe("0-based; page n re-runs the statement and skips n × pageSize rows (LIMIT/OFFSET)."),
  pageSize: pageSizeSchema,
});

const columnSchema = z.object({
  name: z.string(),
  type: z.string().describe("Portable family: integer, bigint, decimal, text, timestamptz, json, …"),
  nativeType: z.string().describe("The database's own type name."),
});

const pageFields = {
  columns: z.array(columnSchema).describe("In result order; duplicate names are kept."),
  rows: z
    .array(z.array(z.unknown()))
    .describe("Cells in column order: JSON cells as JSON text, 64-bit integers and numerics as strings."),
  hasMore: z.boolean().describe("At least one row follows this page."),
  durationMs: z.number().describe("Time the database took."),
};

export const sqlResponseSchema = z.object(pageFields);

export const askBodySchema = z.strictObject({
  question: z
    .string()
    .trim()
    .min(1)
    .max(MAX_QUESTION_CHARS)
    .describe("A question about the data, in English."),
  pageSize: pageSizeSchema,
});

export const askResponseSchema = z.object({
  sql: z.string().describe("The SELECT the model wrote; it ran through the same guard as `POST /v1/sql`."),
  ...pageFields,
  answer: z.string().describe("The question answered in one sentence from the first page's rows."),
  model: z.string().describe("The language model that wrote the SQL and the answer."),
  withheldColumns: z
    .array(z.string())
    .describe("Result columns named like a hidden column: in `rows`, but never sent to the model."),
});
