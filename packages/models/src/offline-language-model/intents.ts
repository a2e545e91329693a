/**
 * What a customer's message asks for, by rules over English, German, Spanish and French phrasings.
 * Patterns are written without accents: the text is folded (lower case, no diacritics, straight
 * apostrophes) before matching.
 */
export type Intent = "empty" | "human" | "resolved" | "question";

export function classifyIntent(message: string): Intent {
  const text = fold(message);
  if (!/[\p{L}\p{N}]/u.test(text)) return "empty";
  if (asksForHuman(text)) return "human";
  if (saysResolved(text)) return "resolved";
  return "question";
}

/** Lower case, accents removed, straight apostrophes, single spaces. */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

const HUMAN: RegExp[] = [
  // English
  /\bhumans?\b/,
  /\b(an?|the|live|real|human|support|service|un|una|el|al|le|vrai) (agent|agente)s?\b/,
  /\b(representative|operator)s?\b/,
  /\b(a|real|actual|live|another) (person|human being)\b/,
  /\b(talk|speak|chat) (to|with) (someone|somebody|anyone|a person|people|your (staff|team|support))\b/,
  // German
  /\b(mensch|menschen|mitarbeiter|mitarbeiterin|kundenberater|kundenberaterin|berater|beraterin)\b/,
  /\becht\w* person\b/,
  /\bmit (jemandem|einer person) (sprechen|reden)\b/,
  // Spanish
  /\b(humano|humana|representante|operador|operadora|asesor|asesora)\b/,
  /\b(una|otra) persona\b/,
  /\bpersona real\b/,
  /\bhablar con alguien\b/,
  // French
  /\b(humain|humaine|conseiller|conseillere|operateur|operatrice)\b/,
  /\b(une|vraie) (vraie )?personne\b/,
  /\bparler a quelqu'un\b/,
];
// "Agent please", "person!": a bare word is enough in a message this short.
const SHORT_HUMAN = /\b(agent|agente|person|persona|personne)\b/;
const SHORT_MESSAGE_WORDS = 4;

export function asksForHuman(folded: string): boolean {
  if (HUMAN.some((pattern) => pattern.test(folded))) return true;
  return folded.split(" ").length <= SHORT_MESSAGE_WORDS && SHORT_HUMAN.test(folded);
}

const SOLVED: RegExp[] = [
  // English
  /\b(problem|issue|question|it|that|this|everything) (is |was |has been |got )?(solved|resolved|fixed|sorted)\b/,
  /\b(that|this|it|you) (solved|fixed|resolved|sorted|answered) (it|that|this|my (problem|issue|question))\b/,
  /\b(that|this|it|you) helped\b/,
  /\b(it )?works now\b/,
  /\b(that's|that is|that was) (all|it)\b/,
  /\bno (more|other|further) questions\b/,
  /\ball (good|set|sorted)\b/,
  // German
  /\b(gelost|erledigt|hat geholfen|funktioniert jetzt|geht jetzt)\b/,
  /\b(das war'?s|das ist alles)\b/,
  // Spanish
  /\b(resuelto|resuelta|solucionado|solucionada|me ayudo|ya funciona|eso es todo)\b/,
  // French
  /\b(resolu|resolue|c'est regle|ca marche|ca fonctionne|c'est tout|ca m'a aide)\b/,
];

// Closers that may make up a whole message ("thanks, bye"); one of the strong ones must be there.
const STRONG_CLOSERS =
  "thanks|thank you|thx|ty|many thanks|cheers|bye|goodbye|good bye|danke|tschuss|auf wiedersehen|gracias|adios|hasta luego|merci|au revoir";
const SOFT_CLOSERS =
  "a lot|very much|so much|for (your|the) help|for helping|that's all|that is all|that's it|schon|vielen|vielmals|muchas|beaucoup|ok|okay|great|perfect|awesome|got it|no|nope|have a (nice|good|great) day|vale|perfecto|genial|parfait|super|d'accord|bonne journee|see you";
const words = (alternatives: string, flags = "") => new RegExp(`\\b(${alternatives})\\b`, flags);
const NEGATION = /\b(not|never|no|nicht|kein|keine|nunca|todavia|aun|pas|ne|plus)\b|n't\b|\bn'|\bstill\b/;
const CONTRAST = /\b(but|however|although|aber|doch|pero|aunque|mais|cependant)\b/;
// "No, that's all": a leading no answers "anything else?", it does not negate what follows.
const LEADING_NO = /^(no|nope|nein|non)\b[,.!]*\s*/;
// A closing message is short; "that's all I ordered, where is it" is not one.
const MAX_CLOSING_WORDS = 8;

export function saysResolved(folded: string): boolean {
  if (/[?¿]/.test(folded) || CONTRAST.test(folded)) return false; // "is my refund resolved?"
  const text = folded.replace(LEADING_NO, "");
  if (text.split(" ").length > MAX_CLOSING_WORDS) return false;
  for (const pattern of SOLVED) {
    const match = pattern.exec(text);
    // "todavia no esta resuelto", "the issue I reported is still not fixed"
    if (match && !NEGATION.test(text.slice(Math.max(0, match.index - 30), match.index))) return true;
  }
  const rest = text.replace(words(STRONG_CLOSERS, "g"), " ").replace(words(SOFT_CLOSERS, "g"), " ");
  return words(STRONG_CLOSERS).test(text) && !/[\p{L}\p{N}]/u.test(rest);
}
