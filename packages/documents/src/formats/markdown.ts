import { decodeHTML } from "entities";
import { Lexer, type Token, type Tokens } from "marked";
import { baseName } from "../detect-format.ts";
import { collapseWhitespace } from "../text/normalize.ts";
import { SectionBuilder } from "../text/section-builder.ts";
import type { Section } from "../types.ts";
import { htmlFragmentText } from "./html.ts";

/**
 * Markdown (CommonMark + GFM tables, read with marked's lexer): `#`–`######` and setext headings
 * become heading paths; code blocks are kept verbatim (a `# comment` in a fence is not a heading);
 * links and emphasis become their text; images and link definitions are dropped; raw HTML blocks are
 * reduced to their visible text. The title is a front-matter `title:`, else the first `#` heading,
 * else the file name.
 */
export function extractMarkdown(markdown: string, fileName: string): { title: string; sections: Section[] } {
  const { body, title: frontMatterTitle } = splitFrontMatter(markdown);
  const builder = new SectionBuilder();
  for (const token of new Lexer({ gfm: true }).lex(body)) {
    if (token.type === "heading") {
      const heading = token as Tokens.Heading;
      builder.heading(heading.depth, inlineText(heading.tokens));
    } else {
      builder.block(blockText(token));
    }
  }
  const sections = builder.finish();
  return { title: frontMatterTitle ?? builder.firstH1 ?? baseName(fileName), sections };
}

function blockText(token: Token): string {
  switch (token.type) {
    case "paragraph":
    case "heading":
      return inlineText((token as Tokens.Paragraph | Tokens.Heading).tokens);
    case "text": {
      const text = token as Tokens.Text;
      return text.tokens ? inlineText(text.tokens) : decodeHTML(text.text);
    }
    case "code":
      return (token as Tokens.Code).text;
    case "blockquote":
      return (token as Tokens.Blockquote).tokens.map(blockText).join("\n\n");
    case "list":
      return listText(token as Tokens.List);
    case "table":
      return tableText(token as Tokens.Table);
    case "html":
      return htmlFragmentText((token as Tokens.HTML).text);
    default:
      // space, hr, def (link reference definitions), and anything marked adds later without text.
      return "";
  }
}

function listText(list: Tokens.List): string {
  const start = typeof list.start === "number" ? list.start : 1;
  return list.items
    .map((item, i) => {
      const marker = list.ordered ? `${start + i}.` : "-";
      const check = item.task ? (item.checked ? "[x] " : "[ ] ") : "";
      const [first = "", ...rest] = item.tokens
        .map(blockText)
        .filter((t) => t.trim())
        .join("\n")
        .split("\n");
      // Continuation lines and nested lists are indented under their item.
      return [`${marker} ${check}${first}`, ...rest.map((line) => `  ${line}`)].join("\n");
    })
    .join("\n");
}

function tableText(table: Tokens.Table): string {
  const row = (cells: Tokens.TableCell[]) =>
    cells.map((c) => collapseWhitespace(inlineText(c.tokens))).join(" | ");
  return [row(table.header), ...table.rows.map(row)].join("\n");
}

function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return "";
  return tokens
    .map((token) => {
      switch (token.type) {
        case "text": {
          const text = token as Tokens.Text;
          return text.tokens ? inlineText(text.tokens) : decodeHTML(text.text);
        }
        case "escape":
        case "codespan":
          // Literal text: `&amp;` in backticks stays `&amp;`.
          return (token as Tokens.Escape | Tokens.Codespan).text;
        case "br":
          return "\n";
        case "image":
        case "html":
          return "";
        default:
          // strong, em, del, link: their children's text.
          return "tokens" in token && Array.isArray(token.tokens)
            ? inlineText(token.tokens)
            : "text" in token && typeof token.text === "string"
              ? token.text
              : "";
      }
    })
    .join("");
}

/** YAML front matter (`---` … `---` on the first lines); only its `title:` is used. */
function splitFrontMatter(markdown: string): { body: string; title: string | undefined } {
  const match = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(markdown);
  if (!match) return { body: markdown, title: undefined };
  const titleLine = /^title:[ \t]*(.+)$/m.exec(match[1] ?? "")?.[1];
  const title = titleLine ? collapseWhitespace(titleLine.replace(/^(["'])(.*)\1$/, "$2")) : undefined;
  return { body: markdown.slice(match[0].length), title: title || undefined };
}
