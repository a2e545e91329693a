import type { Section } from "../types.ts";
import { collapseWhitespace, normalizeText } from "./normalize.ts";

/**
 * Collects blocks of text under a stack of headings (h1–h6 or `#`–`######`): a heading closes the
 * section before it and replaces every heading at its level or deeper. Sections without text (a
 * heading followed directly by a sub-heading) are dropped; the sub-heading's path still names it.
 */
export class SectionBuilder {
  private readonly headings: { level: number; text: string }[] = [];
  private blocks: string[] = [];
  private readonly sections: Section[] = [];
  /** The first level-1 heading seen: a title candidate. */
  firstH1: string | undefined;

  heading(level: number, rawText: string): void {
    this.flush();
    const text = collapseWhitespace(rawText);
    while ((this.headings.at(-1)?.level ?? 0) >= level) this.headings.pop();
    if (!text) return;
    this.headings.push({ level, text });
    if (level === 1) this.firstH1 ??= text;
  }

  /** A paragraph, list, table or code block; blocks are separated by a blank line. */
  block(text: string): void {
    if (text.trim()) this.blocks.push(text);
  }

  finish(): Section[] {
    this.flush();
    return this.sections;
  }

  private flush(): void {
    const text = normalizeText(this.blocks.join("\n\n"));
    this.blocks = [];
    if (text) this.sections.push({ headingPath: this.headings.map((h) => h.text), text });
  }
}
