import type { Locator } from "playwright-core";

/** How a rendered reply lays out: what a reader would notice about a table squeezed into a bubble. */
export interface ReplyLayout {
  /** The reply's height in CSS pixels. */
  height: number;
  /** Table cells (`td`, `th`) and cards (`.ab-card`, `dl`), with their rendered width. */
  boxes: { kind: string; width: number }[];
  /** Text runs of 6+ characters that wrap to fewer than 5 characters per line on average. */
  squeezedTexts: { text: string; lines: number }[];
  /** The reply's cards, each as its "label: value" lines. */
  cards: string[][];
}

/** Measures a reply in the page (or frame) it is rendered in. */
export function measureReply(reply: Locator): Promise<ReplyLayout> {
  return reply.evaluate((root) => {
    const boxes = Array.from(root.querySelectorAll("td, th, dl")).map((el) => ({
      kind: el.tagName.toLowerCase(),
      width: el.getBoundingClientRect().width,
    }));
    const squeezedTexts: { text: string; lines: number }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").trim();
      if (text.length < 6) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      // One rect per line box the text occupies.
      const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
      if (text.length / lines < 5) squeezedTexts.push({ text, lines });
    }
    const cards = Array.from(root.querySelectorAll("dl")).map((card) =>
      Array.from(card.querySelectorAll(":scope > div")).map((field) =>
        (field.textContent ?? "").replace(/\s+/g, " ").trim(),
      ),
    );
    return { height: root.getBoundingClientRect().height, boxes, squeezedTexts, cards };
  });
}

/** Whether the document `locator` belongs to scrolls sideways (its content wider than its viewport). */
export function scrollsSideways(anyElement: Locator): Promise<boolean> {
  return anyElement.evaluate(
    (el) => el.ownerDocument.documentElement.scrollWidth > el.ownerDocument.documentElement.clientWidth,
  );
}
