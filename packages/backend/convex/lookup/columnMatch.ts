import type { ColumnInfo, TableInfo } from "@answerbase/connectors";
import type { Comparison } from "./conditions";
import type { Entity } from "./entities";
import { meaningfulNameTokens, nameTokens, sameStem } from "./words";

/*
 * Which column of a table an entity could be a value of, and how sure we are. Rules read column names
 * and types only (any schema, no table names built in):
 *   numbers  → integer/decimal or text columns named like a reference (..._number, ..._no, ref, code),
 *              the table's own `id` when the question names the table, or a foreign key to a table
 *              quoted by id ("messages on ticket #1" → ticket_id);
 *   SKUs     → text columns named sku/code/ref/part/model, or after the code's prefix (RX-… → rx_number);
 *   e-mails  → text columns named like email or mail;   UUIDs → uuid columns (the primary key first);
 *   tracking → text columns named like tracking, shipment, parcel or waybill;
 *   dates    → date/timestamp columns, preferring names the question mentions ("delivery" → delivered_at);
 *   phrases  → descriptive text columns (name, title, subject, description, ...), as ILIKE.
 */

export interface ColumnMatch {
  score: number;
  comparisons: Comparison[];
  why: string;
}

/** What the question gives the rules besides the entity: its word stems and the whole catalog. */
export interface MatchContext {
  words: string[];
  catalog: readonly TableInfo[];
}

const set = (words: string) => new Set(words.split(" "));
const REFERENCE = set("number no num nr ref reference code confirmation");
const CODE = set("sku code ref reference part model barcode upc ean mpn article");
/** "country_code" or "postal_code" hold codes nobody quotes as a reference. */
const NOT_REFERENCES = set(
  "country currency postal post zip language lang locale region area color colour status type time zone dial " +
    "promo discount coupon voucher error",
);
const TRACKING = set("track shipment awb parcel waybill consignment");
const EMAIL = set("email mail");
export const DESCRIPTIVE = set("name title subject description label summary kind slug");
const NAMING = set("name title label");
const NUMERIC = new Set<ColumnInfo["type"]>(["integer", "bigint", "decimal"]);
const DATES = new Set<ColumnInfo["type"]>(["date", "timestamp", "timestamptz"]);
const MAX_DATE_COLUMNS = 3;

const has = (tokens: string[], set: Set<string>) => tokens.some((t) => set.has(t));
const head = (table: TableInfo) => meaningfulNameTokens(table.name).at(-1) ?? "";

function isForeignKey(table: TableInfo, column: ColumnInfo): boolean {
  return table.foreignKeys.some((fk) => fk.columns.includes(column.name));
}

function isReference(column: ColumnInfo): boolean {
  const tokens = nameTokens(column.name);
  return has(tokens, REFERENCE) && !has(tokens, NOT_REFERENCES);
}

/** False when the column's declared length (character(2), varchar(40)) cannot hold the value. */
function fits(column: ColumnInfo, value: string): boolean {
  const declared = /^(character|char|character varying|varchar)\((\d+)\)$/.exec(column.nativeType);
  return declared === null || value.length <= Number(declared[2]);
}

/** The single numeric `id` primary key of a table that has no other reference-like column. */
function quotedById(table: TableInfo | undefined): boolean {
  if (table === undefined || table.primaryKey.length !== 1) return false;
  const key = table.columns.find((c) => c.name === table.primaryKey[0]);
  return (
    key !== undefined &&
    key.name.toLowerCase() === "id" &&
    NUMERIC.has(key.type) &&
    !table.columns.some(isReference)
  );
}

function numberScore(table: TableInfo, column: ColumnInfo, entity: NumberEntity, ctx: MatchContext): number {
  const label = entity.label;
  const named = (tokens: string[]) => label !== null && tokens.some((t) => sameStem(t, label));
  const tableNamed = named(meaningfulNameTokens(table.name));
  const columnNamed = named(nameTokens(column.name));
  // "ticket #5" is not an order number: the label names another table of the database.
  const other = ctx.catalog.some((t) => t !== table && label !== null && sameStem(head(t), label));
  if (label !== null && other && !tableNamed && !columnNamed) return 0;
  // "#5" or "page 2" says too little: a one- or two-digit number needs a label naming where it points.
  const short = entity.value.length < 3;
  if (!fits(column, entity.value) || (column.type === "integer" && entity.value.length > 9)) return 0;
  if (isForeignKey(table, column)) {
    const fk = table.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === column.name);
    const target =
      fk && ctx.catalog.find((t) => t.schema === fk.references.schema && t.name === fk.references.name);
    return target !== undefined && label !== null && sameStem(head(target), label) && quotedById(target)
      ? 3.5
      : 0;
  }
  if (short && !tableNamed && !columnNamed) return 0;
  if (isReference(column) && (NUMERIC.has(column.type) || column.type === "text")) {
    // A number in a composite primary key (line_no) is a position, not a reference.
    if (table.primaryKey.length > 1 && table.primaryKey.includes(column.name)) return 0;
    return 4 + (columnNamed ? 1 : 0) + (tableNamed ? 0.5 : 0) + (NUMERIC.has(column.type) ? 0.5 : 0);
  }
  const ownId =
    table.primaryKey.length === 1 &&
    table.primaryKey[0] === column.name &&
    column.name.toLowerCase() === "id";
  const labelIsTable = label !== null && sameStem(head(table), label);
  return ownId && NUMERIC.has(column.type) && labelIsTable ? 3 : 0;
}

function skuScore(column: ColumnInfo, entity: Extract<Entity, { kind: "sku" }>): number {
  if (column.type !== "text" || !fits(column, entity.value)) return 0;
  const tokens = nameTokens(column.name);
  if (has(tokens, NOT_REFERENCES)) return 0;
  if (has(tokens, CODE) || tokens.includes(entity.prefix.toLowerCase())) return 5;
  return isReference(column) ? 2 : 0;
}

function uuidScore(table: TableInfo, column: ColumnInfo): number {
  const tokens = nameTokens(column.name);
  if (column.type === "uuid") {
    if (table.primaryKey.length === 1 && table.primaryKey[0] === column.name) return 4;
    return isForeignKey(table, column) ? 0 : 2;
  }
  return column.type === "text" && (tokens.includes("uuid") || tokens.includes("guid")) ? 2 : 0;
}

type NumberEntity = Extract<Entity, { kind: "number" }>;

function entityScore(table: TableInfo, column: ColumnInfo, entity: Entity, ctx: MatchContext): number {
  const tokens = nameTokens(column.name);
  switch (entity.kind) {
    case "number":
      return numberScore(table, column, entity, ctx);
    case "sku":
      return skuScore(column, entity);
    case "email":
      return column.type === "text" && has(tokens, EMAIL) ? 4 : 0;
    case "uuid":
      return uuidScore(table, column);
    case "tracking":
      if (column.type !== "text" || !fits(column, entity.value)) return 0;
      return has(tokens, TRACKING) ? 5 : isReference(column) ? 1 : 0;
    default:
      return 0;
  }
}

/** A date is looked for in the date columns the question names ("delivered"), else in all of them. */
function matchDate(table: TableInfo, entity: Entity, ctx: MatchContext): ColumnMatch | null {
  const dated = table.columns.filter((c) => DATES.has(c.type));
  const named = dated.filter((c) => nameTokens(c.name).some((t) => ctx.words.some((w) => sameStem(t, w))));
  const columns = (named.length > 0 ? named : dated).slice(0, MAX_DATE_COLUMNS);
  if (columns.length === 0) return null;
  return {
    score: named.length > 0 ? 2.5 : 1.5,
    comparisons: columns.map((c) => ({ column: c.name, operator: "=", value: entity.value })),
    why: `${columns.map((c) => c.name).join("/")} on ${entity.value} (a date)`,
  };
}

function describe(entity: Entity): string {
  const kinds: Record<Entity["kind"], string> = {
    number: "a reference number",
    sku: "a product code",
    email: "an e-mail",
    uuid: "a UUID",
    tracking: "a tracking number",
    date: "a date",
    phrase: "a quoted phrase",
    name: "a name",
    word: "a word",
  };
  return kinds[entity.kind];
}

/** The best column of `table` for `entity`, or null when no column fits. */
export function matchEntity(table: TableInfo, entity: Entity, ctx: MatchContext): ColumnMatch | null {
  if (entity.kind === "word") return null;
  if (entity.kind === "date") return matchDate(table, entity, ctx);
  if (entity.kind === "phrase") {
    const columns = descriptiveColumns(table);
    if (columns.length === 0) return null;
    return {
      score: 2,
      comparisons: columns.map((c) => ({ column: c.name, operator: "ILIKE", value: entity.value })),
      why: `${columns.map((c) => c.name).join("/")} contains "${entity.value}" (${describe(entity)})`,
    };
  }
  if (entity.kind === "name") {
    const columns = nameColumns(table);
    if (columns.length === 0) return null;
    return {
      score: 2,
      comparisons: columns.map((c) => ({ column: c.name, operator: "ILIKE", value: entity.value })),
      why: `${columns.map((c) => c.name).join("/")} contains "${entity.value}" (${describe(entity)})`,
    };
  }
  let best: { column: ColumnInfo; score: number } | null = null;
  for (const column of table.columns) {
    const score = entityScore(table, column, entity, ctx);
    if (score > 0 && (best === null || score > best.score)) best = { column, score };
  }
  if (best === null) return null;
  return {
    score: best.score,
    comparisons: [{ column: best.column.name, operator: "=", value: entity.value }],
    why: `${best.column.name} = ${entity.value} (${describe(entity)})`,
  };
}

/** Text columns that describe a row (name, title, subject, ...), at most three, in table order. */
/** Text columns that name a row (`name`, `product_name`, `title`): where a proper name is looked up. */
function nameColumns(table: TableInfo): ColumnInfo[] {
  return table.columns
    .filter((c) => c.type === "text" && has(nameTokens(c.name), NAMING) && !isForeignKey(table, c))
    .slice(0, 3);
}

export function descriptiveColumns(table: TableInfo): ColumnInfo[] {
  return table.columns
    .filter((c) => c.type === "text" && has(nameTokens(c.name), DESCRIPTIVE) && !isForeignKey(table, c))
    .slice(0, 3);
}

/** Identifiers and contact details: a word of a question is never looked for in them. */
const NOT_WORDS = set(
  "email mail phone mobile address postcode zip iban password token hash url code number ref",
);

/**
 * The other text columns a word of the question may be a value of ("which engineer covers Scotland?"
 * → `region`, "women's health" → `specialty`): plain text that is neither a key, a descriptive column
 * nor an identifier or contact detail.
 */
export function plainTextColumns(table: TableInfo): ColumnInfo[] {
  const descriptive = new Set(descriptiveColumns(table).map((c) => c.name));
  return table.columns.filter(
    (c) =>
      c.type === "text" &&
      !descriptive.has(c.name) &&
      !isForeignKey(table, c) &&
      !table.primaryKey.includes(c.name) &&
      !has(nameTokens(c.name), NOT_WORDS),
  );
}
