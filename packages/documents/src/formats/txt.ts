import { baseName } from "../detect-format.ts";
import { looksLikeTitle, normalizeText } from "../text/normalize.ts";
import type { Section } from "../types.ts";

/**
 * Plain text: paragraphs as they are. A first paragraph of one short line without closing punctuation
 * ("Returns policy") is taken as the title and becomes the section's heading; otherwise the title is
 * the file name.
 */
export function extractTxt(text: string, fileName: string): { title: string; sections: Section[] } {
  const body = normalizeText(text);
  if (!body) return { title: baseName(fileName), sections: [] };
  const firstBreak = body.indexOf("\n\n");
  const firstParagraph = firstBreak === -1 ? body : body.slice(0, firstBreak);
  const rest = firstBreak === -1 ? "" : body.slice(firstBreak + 2);
  if (!firstParagraph.includes("\n") && rest && looksLikeTitle(firstParagraph)) {
    const title = firstParagraph.trim();
    return { title, sections: [{ headingPath: [title], text: rest }] };
  }
  return { title: baseName(fileName), sections: [{ headingPath: [], text: body }] };
}
