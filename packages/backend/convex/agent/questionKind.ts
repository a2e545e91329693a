import { extractEntities } from "../lookup/entities";
import { IDENTIFIERS } from "../lookup/plan";

/*
 * Questions that ask how something works or what the rules are ("how late can I cancel without a
 * fee?", "why was I charged twice?", "what happens if I miss a class?") are answered by the help
 * articles, even when a table's name matches a word of them and the asker has rows there: their rows
 * say what happened, not what the rules are. Questions about amounts or counts ("how much do I owe?",
 * "how many sessions are left?") and about when/which/what of one's own rows stay with the database.
 */

const GUIDANCE_START =
  /^(?:(?:and|so|ok|okay|hi|hello|please)[,\s]+)*(?:how (?:do|does|can|could|should|late|long|early|soon|far|often|to)\b|why\b|what happens\b|what if\b|do i (?:have|need) to\b|what do i (?:get|need|do)\b|what are (?:the|your) (?:rules|terms|fees|options)\b|what(?:'s| is) (?:the|your) (?:policy|rule|process|procedure|fee)\b|is there (?:a|any) (?:fee|charge|penalty|limit|deadline)\b|are there (?:any )?(?:fees|charges|penalties|limits)\b|do you (?:offer|charge|accept|allow|bill|refund|have a policy)\b|can i (?:cancel|change|reschedule|transfer|pause|upgrade|downgrade|get a refund|return|switch|bring|pay)\b|wie (?:kann|lange|spät)\b|cómo\b|comment\b|pourquoi\b|por qué\b|warum\b)/u;
/** A rule asked for by its condition: "how much is the fee if I cancel late?", "what do I get if…". */
const GUIDANCE_ANYWHERE =
  /\b(policy|policies|terms and conditions|cancellation fee|late fee|if (?:i|i'm|you|your|my|we|the|a|an)\b)/u;

/**
 * True for a question about how things work. One that names a record ("why is order 1016 still
 * pending?") is about that record, whatever its first word.
 */
export function asksForGuidance(question: string): boolean {
  if (extractEntities(question).some((entity) => IDENTIFIERS.has(entity.kind))) return false;
  const text = question.trim().toLowerCase().replace(/\s+/g, " ");
  return GUIDANCE_START.test(text) || GUIDANCE_ANYWHERE.test(text);
}

/**
 * A message that is nothing but a statement that would change data ("'; DROP TABLE notes; --"): it asks
 * nothing, and its table names read as a question's words only find unrelated rows or articles. A
 * question with a statement inside it ("1001; DROP TABLE orders") is still read as a question.
 */
const WRITE_STATEMENT =
  /^[\s'"`;)]*(?:drop|delete|truncate|alter|update|insert|create|grant|revoke)\s+\p{L}/iu;

export function isWriteStatement(question: string): boolean {
  return WRITE_STATEMENT.test(question);
}
