import { sameStem, stem } from "./words";

/*
 * Words customers use for what a schema names otherwise: "my latest bill" is a row of `invoices`, "my
 * son" one of `students`, "the technician" one of `engineers`. A small, general support vocabulary (not
 * one organization's): each group is words that name the same kind of record. Only whole groups of
 * nouns that rarely name anything else — no "phone" (a number as often as a handset), no "trip" (a
 * tour someone sells or a booking someone holds).
 */
const GROUPS = [
  "invoice bill statement",
  // "When did I last pay you?" is about a payment: the verb's own forms, which name nothing else.
  "payment transaction pay paid",
  "refund reimbursement",
  "appointment booking reservation visit",
  "ticket case complaint",
  "shipment parcel package delivery consignment",
  "subscription membership",
  "device handset",
  "tutor teacher instructor coach trainer",
  "therapist practitioner clinician",
  "student pupil child kid son daughter",
  "engineer technician",
  "plan tariff",
  "class lesson",
  "course programme program",
  "order purchase",
].map((line) => line.split(" ").map(stem));

const groupOf = new Map<string, number>();
GROUPS.forEach((words, index) => words.forEach((word) => groupOf.set(word, index)));

/**
 * A name token and a question word (both stems) that name the same kind of record. `written` is the word
 * as the customer wrote it: a synonym counts only for the noun itself, not a verb made from it ("your
 * billing team" is not about bills, "booking a class" not about a booking).
 */
export function sameMeaning(token: string, word: string, written: string): boolean {
  if (sameStem(token, word)) return true;
  if (/ing$/i.test(written)) return false;
  const group = groupOf.get(token);
  return group !== undefined && group === groupOf.get(word);
}
