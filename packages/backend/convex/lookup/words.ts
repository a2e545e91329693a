/*
 * Words as the planner compares them: question words and table/column names go through the same
 * tokenizer and stemmer, so "orders", "Order" and `order_number` meet on "order", and `StoreLocations`
 * on "store" + "location". Deliberately simple (no dictionary): deterministic and fast.
 */

const STOP_WORDS = new Set(
  [
    // English
    "a an the is are was were be been being am do does did doing done have has had having",
    "i me my mine myself you your yours we our ours us they them their it its he she his her him",
    "this that these those what which who whom whose when where why how can could would should will",
    "shall may might must of in on at to for from by with about into over under out up down off again",
    "then once here there all any both each few more most other some such no nor not only own same so",
    "than too very just also please hi hello hey thanks thank ok okay yes and or but if as",
    "still yet already know tell want need get got give find see show let like much many",
    "next last latest soon today tomorrow yesterday now one anything something",
    "i'm i've i'd you're it's what's where's when's how's there's can't don't doesn't didn't isn't",
    "aren't wasn't won't haven't hasn't",
    // German
    "der die das den dem des ein eine einer eines einem einen und oder ist sind war wo wann wie was",
    "wer warum mein meine meinen meinem meiner dein deine ich du sie er es wir ihr mir mich noch",
    "nicht kein keine mit von zu im am an auf für bei bitte hallo danke schon bin habe hat nº n° nr",
    // Spanish
    "el la los las un una unos unas y o es son está están estoy dónde donde cuándo cuando cómo como",
    "qué que quién mi mis tu tus su sus del al en con por para sin se te le lo hola gracias ya",
    "todavía sí muy soy tengo",
    // French
    "le les une et ou est où quand comment mon ma mes du des pour avec bonjour merci",
  ]
    .join(" ")
    .split(" "),
);

/** Name tokens that say nothing about what a column holds. */
const GENERIC_NAME_TOKENS = new Set(["id", "at", "is", "on", "by", "of", "the", "has", "to", "tbl"]);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}

function undouble(word: string): string {
  const last = word.at(-1);
  if (last !== undefined && word.at(-2) === last && /[bcdfgkmnprtv]/.test(last)) return word.slice(0, -1);
  return word;
}

/** English-leaning suffix stripping: plurals, -ing, -ed. "categories" → "category", "shipped" → "ship". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(sses|xes|zes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length >= 7) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ed") && w.length >= 5 && !w.endsWith("eed")) w = undouble(w.slice(0, -2));
  return w;
}

/** Equal stems, or one a prefix of the other when both are long enough ("deliver" ~ "delivery"). */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  return Math.min(a.length, b.length) >= 5 && (a.startsWith(b) || b.startsWith(a));
}

export interface QuestionWord {
  /** The stem compared with names. */
  stem: string;
  /** The word as written, lowercased (ILIKE values use it). */
  word: string;
}

/** Significant words of a text: letters (any script), stop words dropped, stemmed, in order, unique. */
export function significantWords(text: string): QuestionWord[] {
  const seen = new Set<string>();
  const words: QuestionWord[] = [];
  for (const match of text.replace(/[’`]/g, "'").matchAll(/\p{L}[\p{L}\p{M}\p{N}']*/gu)) {
    let word = match[0].toLowerCase().replace(/'+$/, "");
    if (isStopWord(word)) continue;
    word = word.replace(/'s$/, "").replace(/'/g, "");
    if (word.length < 2 || isStopWord(word)) continue;
    const stemmed = stem(word);
    if (seen.has(stemmed)) continue;
    seen.add(stemmed);
    words.push({ stem: stemmed, word });
  }
  return words;
}

/** `StoreLocations` → ["store", "location"], `order_number` → ["order", "number"], "Region Name" → ["region", "name"]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0)
    .map((token) => stem(token.toLowerCase()));
}

/** Name tokens worth matching against question words (no "id", "at", ...). */
export function meaningfulNameTokens(name: string): string[] {
  return nameTokens(name).filter((token) => !GENERIC_NAME_TOKENS.has(token) && !/^\d+$/.test(token));
}
