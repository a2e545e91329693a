import type { ColumnInfo, TableInfo } from "@answerbase/connectors";
import type { Comparison, LookupCondition } from "./conditions";
import { nameTokens } from "./words";

/*
 * A customer's words for a state, against the values a status column holds: "do I owe anything?" means
 * rows whose status reads due, unpaid, overdue, past_due, in_arrears… — whatever this database calls
 * them. Each concept lists the fragments such values are spelled with; a status column (named status,
 * state, stage or standing) is matched with ILIKE on any of them, so `past_due`, `PastDue` and
 * `overdue` all count without knowing the value set in advance. Money concepts apply only to tables
 * with an amount, so an "open" ticket is never a debt.
 */

interface Concept {
  name: string;
  /** The question's words that mean it. */
  says: RegExp;
  /** Fragments of the values that hold it. */
  values: string[];
  /** Only tables with an amount column (invoices, payments, charges) have it. */
  money?: boolean;
}

const CONCEPTS: Concept[] = [
  {
    name: "unpaid",
    says: /\b(owe|owes|owing|owed|unpaid|outstanding|overdue|arrears|past[ _-]?due|still (have )?to pay|not (been )?paid|balance due|debe|debo|schulde|offen)\b/u,
    values: ["due", "unpaid", "outstanding", "overdue", "arrear", "open", "late"],
    money: true,
  },
  {
    name: "cancelled",
    says: /\b(cancel(l)?ed|cancellations?|called off|storniert|cancelad[ao]|annulé)\b/u,
    values: ["cancel"],
  },
  {
    name: "missed",
    says: /\b(missed|no[ -]?shows?|didn'?t (turn up|show up|attend))\b/u,
    values: ["no_show", "no-show", "noshow", "missed", "absent"],
  },
  { name: "refunded", says: /\b(refund(s|ed)?)\b/u, values: ["refund"] },
  { name: "waitlisted", says: /\b(waitlist(ed)?|waiting list)\b/u, values: ["wait"] },
];

const STATUS = new Set(["status", "state", "stage", "standing"].flatMap(nameTokens));
const AMOUNT = new Set(
  "amount price total cost fee balance charge gbp usd eur".split(" ").flatMap(nameTokens),
);

export interface StatusMatch {
  condition: LookupCondition;
  /** The words the concept was read from: they select rows, they are not looked up as text. */
  words: string[];
  /**
   * Whether the state alone picks the table: "do I owe anything?" names no table, but only tables
   * with an amount and a status can hold a debt. Other states narrow a table the question names.
   */
  picksTable: boolean;
  why: string;
}

function statusColumn(table: TableInfo): ColumnInfo | undefined {
  return statusColumns(table)[0];
}

/** Text columns that hold a row's state: `status`, `payment_state`, `stage`. */
export function statusColumns(table: TableInfo): ColumnInfo[] {
  return table.columns.filter((c) => c.type === "text" && nameTokens(c.name).some((t) => STATUS.has(t)));
}

function hasAmount(table: TableInfo): boolean {
  return table.columns.some(
    (c) =>
      ["decimal", "integer", "bigint", "float"].includes(c.type) &&
      nameTokens(c.name).some((t) => AMOUNT.has(t)),
  );
}

/** Words of an amount still to be paid: `balance_outstanding_gbp`, `amount_due`, `owed`. */
const OWED = new Set(
  "outstanding owed owing remaining unpaid balance due arrears".split(" ").flatMap(nameTokens),
);

/**
 * A numeric column holding what is still owed: a debt is there when it is above zero, whatever the
 * row's status says ("deposit_paid" with 1,140 outstanding is owed money).
 */
function owedColumn(table: TableInfo): ColumnInfo | undefined {
  return table.columns.find(
    (c) =>
      ["decimal", "integer", "bigint", "float"].includes(c.type) &&
      nameTokens(c.name).some((t) => OWED.has(t)),
  );
}

/** The state the question asks about, as a condition on this table's status column; null when none. */
export function statusCondition(question: string, table: TableInfo): StatusMatch | null {
  const text = question.toLowerCase();
  const column = statusColumn(table);
  for (const concept of CONCEPTS) {
    const said = concept.says.exec(text);
    if (said === null || (concept.money === true && !hasAmount(table))) continue;
    const owed = concept.money === true ? owedColumn(table) : undefined;
    const comparisons: Comparison[] = [
      ...(column === undefined
        ? []
        : concept.values.map((value): Comparison => ({ column: column.name, operator: "ILIKE", value }))),
      ...(owed === undefined ? [] : [{ column: owed.name, operator: ">" as const, value: "0" }]),
    ];
    if (comparisons.length === 0) continue;
    const reads = [
      ...(column === undefined ? [] : [`${column.name} reads ${concept.name} (${concept.values.join("/")})`]),
      ...(owed === undefined ? [] : [`${owed.name} above 0`]),
    ];
    return {
      condition: { anyOf: comparisons },
      words: said[0].split(/\s+/),
      picksTable: concept.money === true,
      why: reads.join(" or "),
    };
  }
  return null;
}
