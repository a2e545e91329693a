import type { TableInfo } from "@answerbase/connectors";
import { hiddenColumnsOf } from "../access/hiddenColumns";
import { mayRead, policyOf, type PolicyMap, type Viewer } from "../access/viewer";
import { meaningfulNameTokens, sameStem, significantWords } from "./words";

/*
 * Whether a visitor asks for what the policies keep from them: a hidden column ("what date of birth do
 * you have for me?", "my IBAN") or a private table no readable table shares the word with ("what did
 * the tutors note about Amara?" when the notes are staff-only). The rows the lookup finds for the other
 * words of such a question are not its answer; the help article saying what the chat never shows is.
 * Read from the organization's own catalog and policies, so it holds for any schema.
 */

export function asksForHiddenData(
  question: string,
  catalog: readonly TableInfo[],
  policies: PolicyMap,
  viewer: Viewer,
): boolean {
  if (viewer.kind === "admin") return false;
  const stems = significantWords(question).map((w) => w.stem);
  const said = (token: string) => stems.some((s) => sameStem(s, token));
  const readable = catalog.filter((t) => mayRead(policyOf(policies, t), viewer));
  const readableTokens = readable.flatMap((t) => meaningfulNameTokens(t.name));
  for (const table of catalog) {
    const policy = policyOf(policies, table);
    for (const column of hiddenColumnsOf(policy)) {
      const tokens = meaningfulNameTokens(column);
      if (tokens.length > 0 && tokens.every(said)) return true;
    }
    if (policy.kind !== "private") continue;
    const head = meaningfulNameTokens(table.name).at(-1);
    if (head !== undefined && said(head) && !readableTokens.some((t) => sameStem(t, head))) return true;
  }
  return false;
}
