import { isAppError } from "../../lib/errors";
import { extractEntities, type Entity } from "../entities";
import { bindNamedLookupArgs } from "./args";
import type { NamedLookupDefinition, NamedLookupParameter } from "./definition";
import { meaningfulNameTokens, sameStem, significantWords } from "../words";

/*
 * The offline planner's use of named lookups: a lookup is run when every parameter can be filled from
 * what the question names (an order number for `order_number integer`, an e-mail for `email text`)
 * and its name or description shares words with the question. Parameters take entities by their
 * type and by what their names hint at, each entity at most once. Deterministic, no model.
 */

export interface NamedLookupMatch<L extends NamedLookupDefinition = NamedLookupDefinition> {
  lookup: L;
  /** By parameter name, as taken from the question (bind again with bindNamedLookupArgs). */
  args: Record<string, string>;
  score: number;
}

type Fillable = Exclude<Entity, { kind: "word" }>;

/** Which entity kinds a text parameter takes, by the words of its name; first is preferred. */
const TEXT_HINTS: { tokens: string[]; kinds: Fillable["kind"][] }[] = [
  { tokens: ["email", "mail"], kinds: ["email"] },
  { tokens: ["track", "tracking", "shipment", "parcel", "waybill"], kinds: ["tracking"] },
  { tokens: ["uuid", "guid"], kinds: ["uuid"] },
  { tokens: ["sku", "code", "product", "part", "model", "article"], kinds: ["sku"] },
  { tokens: ["number", "no", "num", "ref", "reference", "id"], kinds: ["number", "sku", "tracking", "uuid"] },
];
const UNHINTED_TEXT: Fillable["kind"][] = ["phrase", "sku", "tracking", "uuid"];

function kindsFor(parameter: NamedLookupParameter, tokens: string[]): Fillable["kind"][] {
  switch (parameter.type) {
    case "integer":
    case "number":
      return ["number"];
    case "date":
      return ["date"];
    case "boolean":
      return [];
    case "text":
      return TEXT_HINTS.find((hint) => hint.tokens.some((t) => tokens.includes(t)))?.kinds ?? UNHINTED_TEXT;
  }
}

function fits(parameter: NamedLookupParameter, entity: Fillable): boolean {
  // "--11-24" (no year) cannot be a date value.
  return parameter.type !== "date" || /^\d{4}-/.test(entity.value);
}

/** Entities for every parameter, best fit first, or null when one cannot be filled. */
function fill(parameters: readonly NamedLookupParameter[], entities: Fillable[]) {
  const used = new Set<Fillable>();
  const args: Record<string, string> = {};
  let score = 0;
  for (const parameter of parameters) {
    const tokens = meaningfulNameTokens(parameter.name);
    const kinds = kindsFor(parameter, tokens);
    let best: { entity: Fillable; score: number } | null = null;
    for (const entity of entities) {
      const rank = kinds.indexOf(entity.kind);
      if (used.has(entity) || rank < 0 || !fits(parameter, entity)) continue;
      // "order 1001" fills order_number before a bare number does.
      const labelled =
        entity.kind === "number" && entity.label !== null && tokens.some((t) => sameStem(t, entity.label!));
      const entityScore = (labelled ? 2 : 1) - rank * 0.1;
      if (best === null || entityScore > best.score) best = { entity, score: entityScore };
    }
    if (best === null) return null;
    used.add(best.entity);
    args[parameter.name] = best.entity.value;
    score += best.score;
  }
  return { args, score };
}

function overlap(lookupWords: string[], questionWords: string[]): number {
  return lookupWords.filter((word) => questionWords.some((q) => sameStem(word, q))).length;
}

/** The lookups the question can fill and names, best first (ties keep the given order). */
export function matchNamedLookups<L extends NamedLookupDefinition>(
  question: string,
  lookups: readonly L[],
): NamedLookupMatch<L>[] {
  const entities = extractEntities(question);
  const words = entities.filter((e) => e.kind === "word").map((e) => e.value);
  const fillable = entities.filter((e): e is Fillable => e.kind !== "word");
  const matches: NamedLookupMatch<L>[] = [];
  for (const lookup of lookups) {
    const nameWords = [...new Set(meaningfulNameTokens(lookup.name))];
    const nameHits = overlap(nameWords, words);
    const descriptionHits = overlap(
      [...new Set(significantWords(lookup.description).map((w) => w.stem))],
      words,
    );
    // Without parameters nothing but words ties the lookup to the question: its name must match.
    const named =
      lookup.parameters.length === 0
        ? nameHits >= Math.max(1, Math.ceil(nameWords.length / 2))
        : nameHits >= 1 || descriptionHits >= 2;
    if (!named) continue;
    const filled = fill(lookup.parameters, fillable);
    if (filled === null) continue;
    try {
      bindNamedLookupArgs(lookup, filled.args);
    } catch (error) {
      // e.g. a 20-digit number for an integer parameter: not this lookup's value.
      if (!isAppError(error)) throw error;
      continue;
    }
    matches.push({ lookup, args: filled.args, score: 3 * nameHits + descriptionHits + filled.score });
  }
  return matches.sort((a, b) => b.score - a.score);
}
