// Long messages: the lookup searches for what was asked, not the padding around it.
import { describe, expect, it } from "vitest";
import { condenseQuestion, MAX_QUESTION_CHARS } from "../convex/agent/condenseQuestion.ts";

describe("condenseQuestion", () => {
  it("keeps a repeated plea once and the question at the end", () => {
    const message = `${"Please help me. ".repeat(600)}Where is my order 1001?`;
    expect(condenseQuestion(message)).toBe("Please help me. Where is my order 1001?");
  });

  it("leaves an ordinary question as it is, whitespace collapsed", () => {
    expect(condenseQuestion("  is SKU-789\n in stock? ")).toBe("is SKU-789 in stock?");
    expect(condenseQuestion("Wo ist  meine Bestellung 1001?")).toBe("Wo ist meine Bestellung 1001?");
  });

  it("caps a long message of distinct sentences, keeping its beginning and its end", () => {
    const sentences = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} is here.`);
    const condensed = condenseQuestion(`${sentences.join(" ")} Where is order 1007?`);
    expect(condensed.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS + 3);
    expect(condensed.startsWith("Sentence number 0 is here.")).toBe(true);
    expect(condensed.endsWith("Where is order 1007?")).toBe(true);
  });
});
