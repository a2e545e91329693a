import type { TableInfo } from "@answerbase/connectors";
import type { AccessPolicy } from "../access/policies";
import type { Viewer } from "../access/viewer";
import { visibleCatalog } from "../access/hiddenColumns";
import { findTable, policyOf, readableTables, tableKey, type PolicyMap } from "../access/viewer";
import { descriptiveColumns, matchEntity, plainTextColumns, type MatchContext } from "./columnMatch";
import { countComparisons, MAX_COMPARISONS, type Comparison, type LookupCondition } from "./conditions";
import { extractEntities, type Entity } from "./entities";
import { readSuperlative, rowsAskedFor, selectByAmount, selectByTime, type RowSelection } from "./rowOrder";
import { statusColumns, statusCondition } from "./statusWords";
import { isTimeWord, readTimeFrame, type Clock } from "./timeFrame";
import { sameMeaning } from "./synonyms";
import { isStopWord, meaningfulNameTokens, sameStem } from "./words";
import { ownerStep } from "./ownerStep";

/*
 * Which tables could answer a question, best first, and what to look for in them. Only tables the
 * viewer may read are considered (a contact: public tables, customer tables once verified; never a
 * private one). A table scores from its name and its columns' names against the question's words
 * (stemmed, so singular/plural and snake/camel case meet) and from columns whose name and type fit
 * an entity of the question (an order number, a SKU, an e-mail, ...), which also gives the WHERE
 * conditions. Nothing here knows a table name: it works for any schema.
 */

export interface LookupCandidate {
  table: TableInfo;
  policy: AccessPolicy;
  score: number;
  /** From the question's entities: precise (`=`, or ILIKE for a quoted phrase), ANDed. */
  conditions: LookupCondition[];
  /**
   * From the question's other words, ILIKE on descriptive text columns (only when no entity gave a
   * condition). Narrowing but guessy: a caller drops them when they leave no row.
   */
  refinements: LookupCondition[];
  /**
   * All the viewer's rows of this table are a fair answer when the refinements find nothing: the table's
   * own name is in the question ("my orders"), or it holds only the contact's own rows ("my loyalty
   * points" → their customer row). A public table picked by a column name alone ("warranty") is not.
   */
  broadAnswer: boolean;
  /**
   * Which rows answer "when" or "which one" ("my next appointment", "my biggest invoice"): conditions
   * and an order on the table's date or amount, and how many rows to keep. Always applied.
   */
  selection?: RowSelection;
  /** e.g. `orders: name matches "order"; order_number = 1001 (an order-like number)`. */
  reason: string;
}

export interface PlanOptions {
  /** Candidates returned (default 3). */
  limit?: number;
  /** Now and the organization's time zone, for "next", "today", "on the 14th"; none: no time frames. */
  clock?: Clock;
}

/** Below this a table only shares a word or two with the question: not worth a query. */
export const MIN_SCORE = 2;
const MAX_REFINEMENT_WORDS = 3;

type Word = Extract<Entity, { kind: "word" }>;

/**
 * Entities that identify one thing. A question naming one ("where is order #1002?") is about that
 * thing: a table none of them fits is not asked at all, so the asker's other rows never stand in for
 * an answer (the order may be someone else's, and then "nothing found" is the true answer).
 */
export const IDENTIFIERS = new Set<Entity["kind"]>(["number", "email", "sku", "uuid", "tracking"]);

function nameScore(
  table: TableInfo,
  words: Word[],
  used: Set<string>,
  why: string[],
): { score: number; byTable: boolean; plural: boolean } {
  let score = 0;
  const tableTokens = meaningfulNameTokens(table.name);
  const matched = tableTokens.filter((token) => words.some((w) => sameMeaning(token, w.value, w.text)));
  if (matched.length > 0) {
    // The last word names what a row is ("order_items" rows are items): a match there counts double.
    const headMatched = matched.includes(tableTokens.at(-1)!);
    score += (headMatched ? 3 : 1.5) + (matched.length === tableTokens.length ? 2 : 0);
    why.push(`name matches "${matched.join(" ")}"`);
    for (const w of words) if (matched.some((t) => sameMeaning(t, w.value, w.text))) used.add(w.value);
  }
  let columnScore = 0;
  for (const column of table.columns) {
    const tokens = meaningfulNameTokens(column.name);
    const hits = tokens.filter((token) => words.some((w) => sameStem(token, w.value) && !used.has(w.value)));
    if (hits.length === 0) continue;
    columnScore += hits.length === tokens.length ? 2 : 1;
    why.push(`column ${column.name} matches "${hits.join(" ")}"`);
    for (const w of words) if (hits.some((t) => sameStem(t, w.value))) used.add(w.value);
  }
  // "therapists" asks for the list; "my therapist" for one of them.
  const plural = words.some(
    (w) =>
      matched.some((t) => sameMeaning(t, w.value, w.text)) &&
      /[^s]s$/i.test(w.text) &&
      w.text.toLowerCase() !== w.value,
  );
  return { score: score + Math.min(columnScore, 4), byTable: matched.length > 0, plural };
}

/** Conditions from entities; several values for one column become one OR group. */
function entityConditions(table: TableInfo, entities: Entity[], ctx: MatchContext, why: string[]) {
  let score = 0;
  // A date alone fits every timestamp column of every table: it refines a table, it does not pick one.
  let anchored = false;
  let identified = false;
  const byColumn = new Map<string, Comparison[]>();
  const groups: LookupCondition[] = [];
  for (const entity of entities) {
    const match = matchEntity(table, entity, ctx);
    if (match === null) continue;
    score += match.score;
    anchored ||= entity.kind !== "date" && match.score >= 2;
    identified ||= IDENTIFIERS.has(entity.kind);
    why.push(match.why);
    if (match.comparisons.length > 1) groups.push({ anyOf: match.comparisons });
    else for (const c of match.comparisons) byColumn.set(c.column, [...(byColumn.get(c.column) ?? []), c]);
  }
  const conditions: LookupCondition[] = [...byColumn.values()].map((list) =>
    list.length === 1 ? list[0]! : { anyOf: list },
  );
  return { score, anchored, identified, conditions: [...conditions, ...groups] };
}

/** The customer as a whole: "all the details you hold about me", "my profile". */
const ABOUT_ME =
  /\b(?:hold|have|keep|store|know)\b[^?.!]*\b(?:about|on|of)\s+(?:me|myself|us)\b|\bmy\s+(?:personal\s+)?(?:details|profile|personal information|personal data)\b/iu;

/**
 * "Show me all the personal details you hold about me" names no table: its answer is the contact's own
 * row of the table that holds their identity (a customer table with no owner path), hidden columns off.
 */
function aboutMeCandidates(
  question: string,
  catalog: readonly TableInfo[],
  policies: PolicyMap,
  viewer: Viewer,
): LookupCandidate[] {
  if (viewer.kind !== "contact" || !ABOUT_ME.test(question)) return [];
  return readableTables(catalog, policies, viewer)
    .filter(({ policy }) => policy.kind === "customer" && policy.ownerPath.length === 0)
    .map(({ table, policy }) => ({
      table,
      policy,
      score: MIN_SCORE + 4,
      conditions: [],
      refinements: [],
      broadAnswer: true,
      reason: `${tableKey(table)}: the contact's own record (asked about themselves)`,
    }));
}

const LIST_INTENT = /\b(list|all|every|each|available|offer|offers|options|do you have)\b/iu;

/** "biggest", "cheapest": they say which row, not what it holds. */
const SUPERLATIVE_WORDS = new Set(
  "biggest largest highest expensive maximum max greatest priciest smallest lowest cheapest minimum min".split(
    " ",
  ),
);

/**
 * Where a word of the question may be found: the table's descriptive columns, and those of the tables
 * its foreign keys reference when the viewer may read them whole ("the therapist at the Manchester
 * clinic": therapists whose location's name holds "Manchester").
 */
function searchableColumns(
  table: TableInfo,
  policy: AccessPolicy,
  catalog: readonly TableInfo[],
  policies: PolicyMap,
  viewer: Viewer,
): Comparison[] {
  // A status column holds the customer's words too: "accounts in arrears" → status ILIKE '%arrears%'
  // (`in_arrears`), whatever this database calls its states.
  const own: Comparison[] = [...descriptiveColumns(table), ...statusColumns(table)].map((c) => ({
    column: c.name,
    operator: "ILIKE",
    value: "",
  }));
  const referenced = table.foreignKeys.flatMap((fk): Comparison[] => {
    if (fk.columns.length !== 1 || fk.references.columns.length !== 1) return [];
    const target = findTable(catalog, fk.references);
    if (target === undefined || (viewer.kind !== "admin" && policyOf(policies, target).kind !== "public"))
      return [];
    const via = {
      foreignKey: fk.columns[0]!,
      table: { schema: target.schema, name: target.name },
      key: fk.references.columns[0]!,
    };
    return descriptiveColumns(target)
      .slice(0, 2)
      .map((c) => ({ column: c.name, operator: "ILIKE", value: "", via }));
  });
  // "Amara's next session": the row the contact's own row belongs to (their child) by its name.
  const owner = ownerStep(policy, catalog, policies, viewer);
  const ownerColumns =
    owner === null
      ? []
      : descriptiveColumns(owner.target)
          .slice(0, 2)
          .map((c): Comparison => ({ column: c.name, operator: "ILIKE", value: "", via: owner.step }));
  const statusNames = new Set(own.map((c) => c.column));
  const plain = plainTextColumns(table)
    .filter((c) => !statusNames.has(c.name))
    .map((c): Comparison => ({ column: c.name, operator: "ILIKE", value: "" }));
  return [...own, ...ownerColumns, ...referenced.slice(0, 4), ...plain];
}

/**
 * The words of someone or something the rows are said to belong to or be about: "Daniel Okafor's next
 * appointment", "Amara's class", "what did they write about Daniel Okafor". When none of the viewer's
 * rows holds that name, the answer is "nothing found" — never all of the viewer's rows instead.
 */
const NAMED_SUBJECT =
  /(\p{Lu}\p{Ll}+(?:[\s-]+\p{Lu}\p{Ll}+)*)['’]s?(?![\p{L}])|\babout\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)*)/gu;

export function namedSubjectWords(question: string): Set<string> {
  const words = new Set<string>();
  for (const m of question.matchAll(NAMED_SUBJECT)) {
    const name = (m[1] ?? m[2] ?? "")
      .toLowerCase()
      .split(/[\s-]+/)
      .filter((w) => !isStopWord(w));
    for (const word of name) words.add(word);
  }
  return words;
}

function capitalized(question: string, word: string): boolean {
  const written = word.charAt(0).toUpperCase() + word.slice(1);
  const at = question.indexOf(written);
  return at > 0 && written !== word;
}

function refinementsFor(
  question: string,
  table: TableInfo,
  words: Word[],
  used: Set<string>,
  searchable: Comparison[],
  room: number,
): LookupCondition[] {
  // One word over every column must fit in the comparisons left.
  const columns = searchable.slice(0, Math.max(1, room));
  if (columns.length === 0) return [];
  const perWord = Math.max(1, Math.floor(room / columns.length));
  return (
    words
      .filter(
        (w) =>
          !used.has(w.value) &&
          w.text.length >= 3 &&
          !isTimeWord(w.text) &&
          !SUPERLATIVE_WORDS.has(w.text.toLowerCase()),
      )
      // A word written with a capital inside the sentence names something ("covers Scotland"): it is the
      // one to look for when only one fits.
      .sort((a, b) => Number(capitalized(question, b.text)) - Number(capitalized(question, a.text)))
      .slice(0, Math.min(MAX_REFINEMENT_WORDS, perWord))
      .map((w) => ({ anyOf: columns.map((c) => ({ ...c, value: w.text })) }))
  );
}

export function planLookup(
  question: string,
  storedCatalog: readonly TableInfo[],
  policies: PolicyMap,
  viewer: Viewer,
  options: PlanOptions = {},
): LookupCandidate[] {
  // Hidden columns are neither matched on nor chosen (access/hiddenColumns.ts).
  const catalog = visibleCatalog(storedCatalog, (table) => policyOf(policies, table));
  const entities = extractEntities(question);
  const words = entities.filter((e): e is Word => e.kind === "word");
  const context: MatchContext = { words: words.map((w) => w.value), catalog };
  const identifies = entities.some((e) => IDENTIFIERS.has(e.kind));
  const frame = options.clock === undefined ? null : readTimeFrame(question, options.clock);
  const superlative = readSuperlative(question);
  const rowsAsked = rowsAskedFor(question, frame);
  const stems = words.map((w) => w.value);
  const subjects = namedSubjectWords(question);
  const selectionFor = (table: TableInfo): RowSelection | undefined =>
    (frame !== null && options.clock !== undefined
      ? selectByTime(table, frame, options.clock, stems, rowsAsked)
      : superlative !== null
        ? selectByAmount(table, superlative, stems)
        : null) ?? undefined;
  const candidates: LookupCandidate[] = aboutMeCandidates(question, catalog, policies, viewer);
  const aboutMe = new Set(candidates.map((c) => tableKey(c.table)));
  for (const { table, policy } of readableTables(catalog, policies, viewer)) {
    if (aboutMe.has(tableKey(table))) continue;
    const why: string[] = [];
    const used = new Set<string>();
    const named = nameScore(table, words, used, why);
    const found = entityConditions(table, entities, context, why);
    // "Do I owe anything?": the rows whose status says so, in any table that has such a status.
    const status = statusCondition(question, table);
    if (status !== null) {
      why.push(status.why);
      for (const w of words) if (status.words.includes(w.text.toLowerCase())) used.add(w.value);
    }
    const statusScore = status === null ? 0 : status.picksTable ? MIN_SCORE : 1;
    const score = named.score + found.score + statusScore;
    if (score < MIN_SCORE || (named.score === 0 && !found.anchored && !status?.picksTable)) continue;
    if (identifies && !found.identified) continue;
    const conditions = status === null ? found.conditions : [...found.conditions, status.condition];
    const room = MAX_COMPARISONS - countComparisons(conditions) - 4; // time frames add up to two
    const refinements =
      found.conditions.length === 0
        ? refinementsFor(
            question,
            table,
            words,
            used,
            searchableColumns(table, policy, catalog, policies, viewer),
            room,
          )
        : [];
    // Every row the viewer may see is a fair answer to "my bookings" (their own rows) and to "your
    // plans" or "list all locations"; "my therapist" or "which instructor…" asks for one, and the whole
    // staff table is not it.
    const ownRows = policy.kind === "customer" && viewer.kind === "contact";
    const refinedByName = refinements.some((r) =>
      ("anyOf" in r ? r.anyOf : [r]).some((c) => subjects.has(c.value.toLowerCase())),
    );
    const broadAnswer =
      !refinedByName && (ownRows || (named.byTable && (named.plural || LIST_INTENT.test(question))));
    // Nothing to narrow by, and every row of it would be a guess.
    if (conditions.length === 0 && refinements.length === 0 && !broadAnswer) continue;
    const selection = selectionFor(table);
    if (selection !== undefined) why.push(selection.why);
    candidates.push({
      table,
      policy,
      score,
      conditions,
      refinements,
      broadAnswer,
      ...(selection !== undefined && { selection }),
      reason: `${tableKey(table)}: ${why.join("; ")}`,
    });
  }
  return candidates
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.conditions.length - a.conditions.length ||
        tableKey(a.table).localeCompare(tableKey(b.table)),
    )
    .slice(0, Math.max(1, options.limit ?? 3));
}
