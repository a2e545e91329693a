import { Parser } from "htmlparser2";
import { baseName } from "../detect-format.ts";
import { collapseWhitespace } from "../text/normalize.ts";
import { SectionBuilder } from "../text/section-builder.ts";
import type { Section } from "../types.ts";

/** Elements whose content is never shown as text. `<title>` is read separately. */
const INVISIBLE = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "math",
  "iframe",
  "object",
  "embed",
  "canvas",
  "audio",
  "video",
  "select",
  "datalist",
]);

/** Elements that start a new paragraph. */
const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "details",
  "dialog",
  "div",
  "dl",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "header",
  "hgroup",
  "hr",
  "html",
  "legend",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "ul",
]);

/** Elements that start a new line within a paragraph. */
const LINES = new Set(["br", "dd", "dt", "li", "tr"]);

const HEADING = /^h([1-6])$/;

/**
 * HTML: the text a browser would show (no scripts, styles, hidden elements or alt text), entities
 * decoded, h1–h6 as heading paths, lists as `- ` lines, table rows as `a | b` lines. The title comes
 * from `<title>`, else the first h1, else the file name.
 */
export function extractHtml(html: string, fileName: string): { title: string; sections: Section[] } {
  const walker = new HtmlTextWalker();
  walker.run(html);
  const sections = walker.builder.finish();
  const title = collapseWhitespace(walker.title) || walker.builder.firstH1 || baseName(fileName);
  return { title, sections };
}

/** The visible text of an HTML fragment (an HTML block inside Markdown), headings as plain lines. */
export function htmlFragmentText(html: string): string {
  const walker = new HtmlTextWalker({ headingsAsText: true });
  walker.run(html);
  return walker.builder
    .finish()
    .map((s) => s.text)
    .join("\n\n");
}

interface OpenElement {
  name: string;
  hidden: boolean;
}

class HtmlTextWalker {
  readonly builder = new SectionBuilder();
  title = "";
  private readonly stack: OpenElement[] = [];
  private hiddenDepth = 0;
  private preDepth = 0;
  private inTitle = false;
  private heading: { level: number; text: string } | undefined;
  private line = "";
  private paragraph: string[] = [];
  private readonly lists: { ordered: boolean; next: number }[] = [];
  private cellsInRow = 0;
  private marker: string | undefined;

  constructor(private readonly options: { headingsAsText?: boolean } = {}) {}

  run(html: string): void {
    const parser = new Parser(
      {
        onopentag: (name, attribs) => this.open(name, attribs),
        ontext: (text) => this.text(text),
        onclosetag: (name) => this.close(name),
      },
      { decodeEntities: true },
    );
    parser.write(html);
    parser.end();
    this.endParagraph();
  }

  private open(name: string, attribs: Record<string, string>): void {
    const hidden = INVISIBLE.has(name) || isHidden(attribs);
    this.stack.push({ name, hidden });
    if (name === "title" && !this.title) this.inTitle = true;
    if (hidden) this.hiddenDepth++;
    if (this.hiddenDepth > 0) return;

    const level = HEADING.exec(name)?.[1];
    if (level && !this.options.headingsAsText) {
      this.endParagraph();
      this.heading = { level: Number(level), text: "" };
      return;
    }
    if (BLOCKS.has(name) || level) this.endBlock();
    if (name === "pre") this.preDepth++;
    if (name === "ul" || name === "ol") this.lists.push({ ordered: name === "ol", next: 1 });
    if (LINES.has(name)) this.endLine();
    if (name === "tr") this.cellsInRow = 0;
    if ((name === "td" || name === "th") && this.cellsInRow++ > 0) this.append(" | ");
    if (name === "li") {
      const list = this.lists.at(-1);
      const depth = Math.max(0, this.lists.length - 1);
      this.marker = `${"  ".repeat(depth)}${list?.ordered ? `${list.next++}.` : "-"} `;
    }
  }

  private close(name: string): void {
    const element = this.stack.pop();
    if (name === "title") this.inTitle = false;
    if (element?.hidden) {
      this.hiddenDepth--;
      return;
    }
    if (this.hiddenDepth > 0) return;
    const level = HEADING.exec(name)?.[1];
    if (level && this.heading) {
      this.builder.heading(this.heading.level, this.heading.text);
      this.heading = undefined;
      return;
    }
    if (name === "ul" || name === "ol") this.lists.pop();
    if (BLOCKS.has(name) || level) this.endBlock();
    else if (LINES.has(name)) this.endLine();
    if (name === "pre") this.preDepth--;
  }

  private text(text: string): void {
    if (this.inTitle) this.title += text;
    if (this.hiddenDepth > 0) return;
    if (this.heading) this.heading.text += text;
    else if (this.preDepth > 0) this.appendPreformatted(text);
    else this.append(text.replace(/\s+/g, " "));
  }

  private append(text: string): void {
    // One space between words across tags; none at the start of a line.
    const piece = this.line === "" || this.line.endsWith(" ") ? text.replace(/^ +/, "") : text;
    if (piece) this.writeLine(piece);
  }

  private appendPreformatted(text: string): void {
    text.split("\n").forEach((part, i) => {
      if (i > 0) this.endLine(true);
      if (part) this.writeLine(part);
    });
  }

  /** A list item's marker is written with its first text, so `<li><p>…` stays on the marker's line. */
  private writeLine(text: string): void {
    if (this.line === "" && this.marker !== undefined) {
      this.line = this.marker;
      this.marker = undefined;
    }
    this.line += text;
  }

  private endLine(keepBlank = false): void {
    const line = this.line.trimEnd();
    if (line || (keepBlank && this.paragraph.length > 0)) this.paragraph.push(line);
    this.line = "";
  }

  /** Inside a list, blocks (nested lists, `<p>` in `<li>`) only break the line: the list stays together. */
  private endBlock(): void {
    if (this.lists.length > 0) this.endLine();
    else this.endParagraph();
  }

  private endParagraph(): void {
    this.endLine();
    this.marker = undefined;
    this.builder.block(this.paragraph.join("\n"));
    this.paragraph = [];
  }
}

function isHidden(attribs: Record<string, string>): boolean {
  if ("hidden" in attribs || attribs["aria-hidden"] === "true") return true;
  const style = attribs.style?.replace(/\s+/g, "").toLowerCase() ?? "";
  return style.includes("display:none") || style.includes("visibility:hidden");
}
