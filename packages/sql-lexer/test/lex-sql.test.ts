import { describe, expect, it } from "vitest";
import { lexSql, type LexOptions, type SqlToken } from "../src/index.ts";
import { lexed } from "./support/lexed.ts";

const only = (sql: string, options?: LexOptions): SqlToken => {
  const tokens = lexSql(sql, options);
  expect(tokens).toHaveLength(1);
  return tokens[0]!;
};

describe("words, numbers, punctuation and operators", () => {
  it("reads a statement with source offsets", () => {
    expect(lexSql("SELECT a.b, 42 FROM t")).toEqual([
      { kind: "word", text: "SELECT", start: 0, end: 6 },
      { kind: "word", text: "a", start: 7, end: 8 },
      { kind: "punctuation", char: ".", start: 8, end: 9 },
      { kind: "word", text: "b", start: 9, end: 10 },
      { kind: "punctuation", char: ",", start: 10, end: 11 },
      { kind: "number", text: "42", start: 12, end: 14 },
      { kind: "word", text: "FROM", start: 15, end: 19 },
      { kind: "word", text: "t", start: 20, end: 21 },
    ]);
  });

  it("keeps $ and digits inside a word, and non-ASCII letters (a no-break space too, as the server)", () => {
    expect(lexed("a$1 x$$y$$ _t2 café a\u00a0b")).toEqual([
      "word a$1",
      "word x$$y$$",
      "word _t2",
      "word café",
      "word a\u00a0b",
    ]);
  });

  it("reads the server's number forms", () => {
    const numbers = ["1", "1.5", ".5", "1.", "1e10", "1.5E-3", "0x1F", "0o17", "0b101", "1_000_000"];
    for (const n of numbers) expect(lexed(n)).toEqual([`number ${n}`]);
    expect(lexed("1e")).toEqual(["number 1", "word e"]);
  });

  it("reads 1..10 as two integers around two dots", () => {
    expect(lexed("1..10")).toEqual(["number 1", "punctuation .", "punctuation .", "number 10"]);
  });

  it("gives one token per operator character, and :: as one cast", () => {
    expect(lexed("a>=b<>c||d")).toEqual([
      "word a",
      "operator >",
      "operator =",
      "word b",
      "operator <",
      "operator >",
      "word c",
      "operator |",
      "operator |",
      "word d",
    ]);
    expect(lexed("x::int")).toEqual(["word x", "operator ::", "word int"]);
  });

  it("reads characters the server has no token for as `other`", () => {
    expect(lexed("a \\ { } \u0001")).toEqual(["word a", "other \\", "other {", "other }", "other \u0001"]);
  });

  it("skips only the server's ASCII whitespace", () => {
    expect(lexed(" \t\n\r\f\va\n")).toEqual(["word a"]);
    expect(lexSql("")).toEqual([]);
  });
});

describe("strings", () => {
  it("reads '' as an escaped quote and a backslash as itself in a plain string", () => {
    expect(only("'it''s'")).toEqual({ kind: "string", prefix: "", start: 0, end: 7, terminated: true });
    expect(lexed("'a\\', 'b'")).toEqual(["string 'a\\'", "punctuation ,", "string 'b'"]);
  });

  it("reads backslash escapes in E'' strings, either case", () => {
    expect(only("E'it\\'s; -- not a comment'")).toMatchObject({
      kind: "string",
      prefix: "E",
      terminated: true,
    });
    expect(only("e'\\\\'")).toMatchObject({ kind: "string", prefix: "E", end: 5 });
    expect(only("E'a''b'")).toMatchObject({ kind: "string", prefix: "E", end: 7 });
  });

  it("reads B'', X'', N'' and U&'' prefixes, and a longer word before a string as a word", () => {
    expect(
      lexSql("b'01' X'ff' n'x' U&'d\\0061t'").map((t) => (t.kind === "string" ? t.prefix : t.kind)),
    ).toEqual(["B", "X", "N", "U&"]);
    expect(lexed("date'2026-01-01' type'x'")).toEqual([
      "word date",
      "string '2026-01-01'",
      "word type",
      "string 'x'",
    ]);
    expect(lexed("u&1")).toEqual(["word u", "operator &", "number 1"]);
  });

  it("hides everything inside a string: comments, semicolons, parameters", () => {
    expect(lexed("SELECT '-- /* ; $1 :x'", { namedParameters: true })).toEqual([
      "word SELECT",
      "string '-- /* ; $1 :x'",
    ]);
  });
});

describe("dollar quotes", () => {
  it("reads $$ and $tag$ bodies, with other tags and $$ inside a tagged body", () => {
    expect(only("$$a;'b$$")).toEqual({ kind: "dollar-string", tag: "", start: 0, end: 8, terminated: true });
    const body = "$fn$ SELECT $$x$$; $other$ $fn$";
    expect(only(body)).toMatchObject({
      kind: "dollar-string",
      tag: "fn",
      end: body.length,
      terminated: true,
    });
  });

  it("matches tags case-sensitively and allows non-ASCII letters in them", () => {
    expect(only("$A$ x $a$ y")).toMatchObject({ kind: "dollar-string", tag: "A", terminated: false });
    expect(only("$é$ x $é$")).toMatchObject({ kind: "dollar-string", tag: "é", terminated: true });
  });

  it("reads $1 as a parameter, not a tag, and a lone $ as other", () => {
    expect(lexed("$1$ $x")).toEqual(["positional-parameter $1", "other $", "other $", "word x"]);
  });

  it("does not start a quote after a word: x$$ belongs to the word", () => {
    expect(lexed("x$$ ; y$$")).toEqual(["word x$$", "punctuation ;", "word y$$"]);
  });
});

describe("quoted identifiers", () => {
  it("unescapes doubled quotes and keeps case", () => {
    expect(only('"Mixed""Case; --"')).toEqual({
      kind: "quoted-identifier",
      name: 'Mixed"Case; --',
      unicodeEscapes: false,
      start: 0,
      end: 17,
      terminated: true,
    });
  });

  it('marks U&"..." as having Unicode escapes, left as written', () => {
    expect(only('U&"d\\0061t"')).toMatchObject({
      kind: "quoted-identifier",
      name: "d\\0061t",
      unicodeEscapes: true,
    });
  });
});
