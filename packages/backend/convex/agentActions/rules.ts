import type { InputValue } from "./templates";

/*
 * Auto-approval rules: clauses joined by `&&`, each `<input> <op> <literal>` (op: < <= > >= == !=,
 * literal: a number, a "string", true or false) or `customer.verified`. Deliberately tiny: no `||`, no
 * arithmetic, no function calls, so what a rule approves can be read off it. Evaluated only on values
 * the run already holds; a missing or mistyped input makes the clause false (the run waits for a person).
 */

type Op = "<" | "<=" | ">" | ">=" | "==" | "!=";
export type Clause =
  { kind: "verified" } | { kind: "compare"; input: string; op: Op; literal: string | number | boolean };

const COMPARE = /^([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|==|!=|<|>)\s*(.+)$/;

function literalOf(text: string): string | number | boolean | null {
  if (text === "true") return true;
  if (text === "false") return false;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^"[^"\\]*"$/.test(text)) return text.slice(1, -1);
  return null;
}

/** The rule's clauses, or the first problem found (naming the clause). */
export function parseRule(rule: string, inputs: ReadonlySet<string>): Clause[] | { problem: string } {
  const clauses: Clause[] = [];
  for (const raw of rule.split("&&")) {
    const text = raw.trim();
    if (text === "customer.verified") {
      clauses.push({ kind: "verified" });
      continue;
    }
    const match = COMPARE.exec(text);
    const literal = match ? literalOf(match[3]!.trim()) : null;
    if (!match || literal === null)
      return {
        problem: `"${text}" is not a clause: write input <= 50, input == "text" or customer.verified.`,
      };
    if (!inputs.has(match[1]!))
      return { problem: `"${match[1]}" in the rule is not an input of this action.` };
    clauses.push({ kind: "compare", input: match[1]!, op: match[2] as Op, literal });
  }
  return clauses;
}

function compare(value: InputValue | undefined, op: Op, literal: string | number | boolean): boolean {
  if (value === undefined || value === null || typeof value !== typeof literal) return false;
  switch (op) {
    case "==":
      return value === literal;
    case "!=":
      return value !== literal;
    default: {
      if (typeof value !== "number" || typeof literal !== "number") return false;
      if (op === "<") return value < literal;
      if (op === "<=") return value <= literal;
      if (op === ">") return value > literal;
      return value >= literal;
    }
  }
}

export function ruleHolds(
  clauses: readonly Clause[],
  values: ReadonlyMap<string, InputValue>,
  customerVerified: boolean,
): boolean {
  return clauses.every((clause) =>
    clause.kind === "verified"
      ? customerVerified
      : compare(values.get(clause.input), clause.op, clause.literal),
  );
}
