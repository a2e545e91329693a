import type { ColumnInfo, TableInfo } from "@answerbase/connectors";
import type { LookupCondition } from "./conditions";
import type { RowSort } from "./scopedSql";
import { addDays, localDay, type Clock, type TimeFrame } from "./timeFrame";
import { nameTokens, sameStem } from "./words";

/*
 * Which rows of a table answer "when" and "which one": a time frame ("my next appointment", "this
 * month") becomes conditions and an order on the table's event date, a superlative ("my biggest
 * invoice", "the cheapest plan") an order on its amount, and a singular question keeps one row. Columns
 * are chosen by name and type only, so any schema works: the date the question names ("due" →
 * due_date), else the table's first date that is not bookkeeping (created/updated), else that.
 */

export interface RowSelection {
  conditions: LookupCondition[];
  sortBy: RowSort;
  /** Rows that answer: 1 for "my next appointment", a few for "my upcoming bookings". */
  limit: number;
  /** e.g. `starts_at from now, soonest first`. */
  why: string;
  /**
   * When no row falls in the asked days and they are not over yet, the first row after them: "is my
   * engineer coming today?" is answered by the visit on the 9th, as a person would.
   */
  otherwise?: RowSelection;
}

export type Superlative = "most" | "least";

const DATE_TYPES = new Set<ColumnInfo["type"]>(["date", "timestamp", "timestamptz"]);
const AMOUNT_TYPES = new Set<ColumnInfo["type"]>(["decimal", "integer", "bigint", "float"]);
/** Stemmed as column names are, so `created_at` meets "created". */
const stems = (list: string) => new Set(list.split(" ").flatMap(nameTokens));
const BOOKKEEPING = stems("created updated modified inserted deleted changed synced imported");
const AMOUNT = stems(
  "amount price total cost fee balance charge sum value rate owed outstanding gbp usd eur",
);
const MOST = /\b(biggest|largest|highest|most expensive|maximum|max|greatest|priciest)\b/u;
const LEAST = /\b(smallest|lowest|cheapest|least expensive|minimum|min)\b/u;
/** A plural noun or a count right after the frame word: "next 3 classes", "upcoming bookings". */
const PLURAL_AFTER =
  /\b(?:next|upcoming|last|previous|latest|newest|recent)\s+(?:(\d{1,2})\s+)?(?:\p{L}+\s+)?(\p{L}+s)\b/u;
const SEVERAL = 5;
const FOLLOWING = 3;

export function readSuperlative(question: string): Superlative | null {
  const text = question.toLowerCase();
  if (MOST.test(text)) return "most";
  if (LEAST.test(text)) return "least";
  return null;
}

/**
 * How many rows a frame asks for: "next 3 classes" 3, "upcoming bookings" a few, "my last invoice" 1,
 * "my next class" the next one and the two after it (a person would mention what follows).
 */
export function rowsAskedFor(question: string, frame: TimeFrame | null): number {
  const match = PLURAL_AFTER.exec(question.toLowerCase());
  if (match === null) return frame?.kind === "upcoming" ? FOLLOWING : 1;
  if (match[1] !== undefined) return Math.max(1, Math.min(Number(match[1]), 20));
  if (/ss$/.test(match[2]!)) return frame?.kind === "upcoming" ? FOLLOWING : 1;
  return SEVERAL;
}

/** The date column a frame applies to, or undefined when the table has none. */
export function eventDateColumn(table: TableInfo, words: readonly string[]): ColumnInfo | undefined {
  const dates = table.columns.filter((c) => DATE_TYPES.has(c.type));
  const named = dates.find((c) => nameTokens(c.name).some((t) => words.some((w) => sameStem(t, w))));
  if (named !== undefined) return named;
  return dates.find((c) => !nameTokens(c.name).some((t) => BOOKKEEPING.has(t))) ?? dates[0];
}

function amountColumn(table: TableInfo, words: readonly string[]): ColumnInfo | undefined {
  const amounts = table.columns.filter(
    (c) => AMOUNT_TYPES.has(c.type) && nameTokens(c.name).some((t) => AMOUNT.has(t)),
  );
  return amounts.find((c) => nameTokens(c.name).some((t) => words.some((w) => sameStem(t, w)))) ?? amounts[0];
}

/**
 * The conditions and order a frame gives `table`, or null when it has no date to apply it to.
 * Instants compare with the clock's now; days are the organization's calendar days.
 */
export function selectByTime(
  table: TableInfo,
  frame: TimeFrame,
  clock: Clock,
  words: readonly string[],
  rowsAsked: number,
): RowSelection | null {
  const column = eventDateColumn(table, words);
  if (column === undefined) return null;
  const name = column.name;
  // A date column holds days: "from now" means from today.
  const now = column.type === "date" ? localDay(clock) : new Date(clock.now).toISOString();
  switch (frame.kind) {
    case "upcoming":
      return {
        conditions: [{ column: name, operator: ">=", value: now }],
        sortBy: { column: name, direction: "asc" },
        limit: rowsAsked,
        why: `${name} from now, soonest first`,
      };
    case "past":
      return {
        conditions: [{ column: name, operator: "<", value: now }],
        sortBy: { column: name, direction: "desc" },
        limit: rowsAsked,
        why: `${name} before now, most recent first`,
      };
    case "latest":
      return {
        conditions: [],
        sortBy: { column: name, direction: "desc" },
        limit: rowsAsked,
        why: `${name}, newest first`,
      };
    case "days":
      return {
        conditions: [
          { column: name, operator: ">=", value: frame.from },
          { column: name, operator: "<", value: frame.to },
        ],
        sortBy: { column: name, direction: "asc" },
        limit: SEVERAL * 4,
        why: `${name} ${frame.label} (${frame.from}${frame.to === addDays(frame.from, 1) ? "" : ` to ${frame.to}`})`,
        ...(frame.to > localDay(clock) && {
          otherwise: {
            conditions: [{ column: name, operator: ">=", value: frame.to }],
            sortBy: { column: name, direction: "asc" },
            limit: 1,
            why: `else the first ${name} after ${frame.label}`,
          },
        }),
      };
    case "weekday":
      return {
        conditions: [{ column: name, operator: "weekday", value: String(frame.isoDay) }],
        sortBy: { column: name, direction: "asc" },
        limit: SEVERAL * 4,
        why: `${name} on a ${frame.label}`,
      };
  }
}

/** "My biggest invoice": the amount column, largest first, one row. */
export function selectByAmount(
  table: TableInfo,
  superlative: Superlative,
  words: readonly string[],
): RowSelection | null {
  const column = amountColumn(table, words);
  if (column === undefined) return null;
  return {
    conditions: [],
    sortBy: { column: column.name, direction: superlative === "most" ? "desc" : "asc" },
    limit: 1,
    why: `${column.name}, ${superlative === "most" ? "largest" : "smallest"} first`,
  };
}
