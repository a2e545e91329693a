import type { TableInfo } from "@answerbase/connectors";
import { policyOf, verifiedKeyOf, type PolicyMap, type Viewer } from "../access/viewer";
import { asksForHiddenData } from "./hiddenAsk";
import { planLookup } from "./plan";
import { meaningfulNameTokens, sameStem, significantWords } from "./words";

/*
 * Questions whose honest answer is the organization's privacy rules, not rows and not "nothing found":
 *
 * - `hidden`: data the policies keep from the visitor (a hidden column, a private table: hiddenAsk.ts);
 * - `remarks`: what staff wrote or said about someone ("what did your team write about me?", "did
 *   anyone note …"): internal notes, which no visitor reads whatever the schema calls them;
 * - `person`: another named person's details ("What's Oliver Grant's home address?"): a two-word name
 *   with a column of a table the visitor may not read whole (phone, address, e-mail …);
 * - `sign_in`: an unverified visitor asking about their own records ("do I owe anything?"): a question
 *   the planner would answer from customer tables once they are verified.
 *
 * Read from the words and the organization's own catalog and policies, so it holds for any schema. The
 * caller decides when it matters (agent/answerSources.ts: articles first for `hidden` and `remarks`;
 * the privacy article instead of "nothing found" for all of them).
 */

export type PrivacyAsk = "hidden" | "remarks" | "person" | "sign_in";

/** Somebody wrote, said or noted something ("your advisers written", "did anyone note"). */
const STAFF_REMARK =
  /\b(?:anyone|anybody|someone|they|staff|(?:your|the)\s+[\p{L}-]+(?:\s+team)?)\s+(?:ever\s+)?(?:note|noted|write|wrote|written|say|said|mention|mentioned|record|recorded)\b/iu;
/** Notes or remarks about a person ("any notes about me", "written about Sofia Rossi"). */
const ABOUT_SOMEONE =
  /\b(?:notes?|remarks?|comments?|write|wrote|written|say|said)\b[^?.!]*\babout\s+(?:me|us|my|our|him|her|them|\p{Lu})/u;
/** First name and surname inside the sentence (not its first word). */
const PERSON_NAME = /(?<=\S\s+)\p{Lu}\p{Ll}+[\s-]+\p{Lu}\p{Ll}+/u;
/** A statement pasted as a question ("'; DROP TABLE notes; --"): an attack, not a privacy question. */
const SQL_STATEMENT =
  /;\s*(?:drop|delete|update|insert|select|truncate|alter)\b|\bunion\s+(?:all\s+)?select\b|--\s*$/iu;
const FIRST_PERSON = /\b(?:i|i'm|i've|me|my|mine|we|our|us)\b/iu;

function asksStaffRemarks(question: string): boolean {
  return STAFF_REMARK.test(question) || ABOUT_SOMEONE.test(question.replace(/\bAbout\b/g, "about"));
}

/** A column of a table the viewer may not read whole, named by the question ("phone number", "address"). */
function namesPersonalColumn(question: string, catalog: readonly TableInfo[], policies: PolicyMap): boolean {
  const stems = significantWords(question).map((w) => w.stem);
  return catalog.some(
    (table) =>
      policyOf(policies, table).kind !== "public" &&
      table.columns.some((column) => {
        const tokens = meaningfulNameTokens(column.name);
        return tokens.length > 0 && tokens.some((t) => stems.some((s) => sameStem(s, t)));
      }),
  );
}

/**
 * Whether the question would be answered from customer rows once the visitor is verified ("do I owe
 * anything?"), not merely spoken in the first person ("how do I apply for a job?").
 */
function asksOwnRecords(question: string, catalog: readonly TableInfo[], policies: PolicyMap): boolean {
  const asVerified: Viewer = { kind: "contact", verifiedOwnerKey: "visitor@example.invalid" };
  return planLookup(question, catalog, policies, asVerified).some((c) => c.policy.kind === "customer");
}

export function privacyAsk(
  question: string,
  catalog: readonly TableInfo[],
  policies: PolicyMap,
  viewer: Viewer,
): PrivacyAsk | null {
  if (viewer.kind === "admin" || SQL_STATEMENT.test(question)) return null;
  if (asksStaffRemarks(question)) return "remarks";
  if (asksForHiddenData(question, catalog, policies, viewer)) return "hidden";
  if (PERSON_NAME.test(question) && namesPersonalColumn(question, catalog, policies)) return "person";
  if (
    verifiedKeyOf(viewer) === null &&
    FIRST_PERSON.test(question) &&
    asksOwnRecords(question, catalog, policies)
  )
    return "sign_in";
  return null;
}
