import { describe, expect, it } from "vitest";
import { lexSql } from "../src/index.ts";
import { lexed } from "./support/lexed.ts";

const named = { namedParameters: true } as const;

describe("comments", () => {
  it("ends a line comment before \\n or \\r", () => {
    expect(lexed("a -- one ; two\nb --x\rc")).toEqual([
      "word a",
      "comment -- one ; two",
      "word b",
      "comment --x",
      "word c",
    ]);
  });

  it("nests block comments as the server does", () => {
    const sql = "a /* one /* two */ still; */ b";
    expect(lexed(sql)).toEqual(["word a", "comment /* one /* two */ still; */", "word b"]);
  });

  it("starts a comment inside a run of operator characters", () => {
    expect(lexed("a+--b\nc*/*d*/")).toEqual([
      "word a",
      "operator +",
      "comment --b",
      "word c",
      "operator *",
      "comment /*d*/",
    ]);
  });

  it("reads a stray */ as two operators", () => {
    expect(lexed("*/")).toEqual(["operator *", "operator /"]);
  });
});

describe("positional parameters", () => {
  it("reads $n with its 1-based index, outside literals and comments only", () => {
    const tokens = lexSql("SELECT $1, $12, '$3', \"$4\", $$ $5 $$ /* $6 */ -- $7");
    expect(tokens.flatMap((t) => (t.kind === "positional-parameter" ? [t.index] : []))).toEqual([1, 12]);
  });

  it("keeps a cast after a parameter: $1::int", () => {
    expect(lexed("$1::int")).toEqual(["positional-parameter $1", "operator ::", "word int"]);
  });
});

describe("named parameters", () => {
  it("are off by default: :name is punctuation and a word, as the server reads a slice", () => {
    expect(lexed("arr[1:n]")).toEqual([
      "word arr",
      "punctuation [",
      "number 1",
      "punctuation :",
      "word n",
      "punctuation ]",
    ]);
  });

  it("reads :name when asked, with the colon's offset as start", () => {
    expect(lexSql("id = :id AND :Other$2 > 0", named).filter((t) => t.kind === "named-parameter")).toEqual([
      { kind: "named-parameter", name: "id", start: 5, end: 8 },
      { kind: "named-parameter", name: "Other$2", start: 13, end: 21 },
    ]);
  });

  it("never reads a cast as a parameter, even right after one", () => {
    expect(lexed("x::int, :a::date, y:::b", named)).toEqual([
      "word x",
      "operator ::",
      "word int",
      "punctuation ,",
      "named-parameter :a",
      "operator ::",
      "word date",
      "punctuation ,",
      "word y",
      "operator ::",
      "named-parameter :b",
    ]);
  });

  it('does not read :=, :1 or :"quoted" as parameters', () => {
    expect(lexed('f(a := 1) [1:2] :"q"', named).filter((t) => t.startsWith("named-parameter"))).toEqual([]);
  });

  it("ignores :name in strings, identifiers, dollar quotes and comments", () => {
    const sql = "SELECT ':a', \":b\", $$ :c $$, E':d' /* :e */ -- :f\n, :g";
    expect(lexSql(sql, named).flatMap((t) => (t.kind === "named-parameter" ? [t.name] : []))).toEqual(["g"]);
  });
});

describe("unterminated literals and comments", () => {
  it("run to the end of the input with terminated: false, hiding what follows", () => {
    const cases = [
      ["string", "SELECT 'abc; DROP TABLE t"],
      ["string", "SELECT E'abc\\'"],
      ["quoted-identifier", 'SELECT "abc; x'],
      ["dollar-string", "SELECT $tag$ body; $other$"],
      ["comment", "SELECT /* a /* b */ c"],
    ] as const;
    for (const [kind, sql] of cases) {
      const tokens = lexSql(sql, named);
      expect(tokens.at(-1)).toMatchObject({ kind, start: 7, end: sql.length, terminated: false });
      expect(tokens).toHaveLength(2);
    }
  });

  it("keeps the name read so far of an unterminated quoted identifier", () => {
    expect(lexSql('"ab""c')[0]).toMatchObject({ kind: "quoted-identifier", name: 'ab"c', terminated: false });
  });

  it("reads a line comment without a line break as running to the end (it needs none)", () => {
    expect(lexSql("a -- end")[1]).toEqual({ kind: "comment", style: "line", start: 2, end: 8 });
  });
});

describe("offsets", () => {
  // A property every caller relies on: tokens are in order, do not overlap, and between them there is
  // only whitespace, so slicing the source by token offsets loses nothing.
  const pieces = ["SELECT", " ", "\n", "$1", "$$", "$a$", "'", "''", "E'", "\\", '"', ":", "::", ":x", "--"];
  const more = ["/*", "*/", ";", "a", "1", ".", "(", "é", "U&", "b'", "{", "\r", "+", "-", "*", "/"];
  const alphabet = [...pieces, ...more];

  it("cover every non-whitespace character exactly once, in order", () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let run = 0; run < 5000; run++) {
      let sql = "";
      for (let k = 1 + next(15); k > 0; k--) sql += alphabet[next(alphabet.length)];
      let at = 0;
      for (const token of lexSql(sql, { namedParameters: run % 2 === 0 })) {
        expect(sql.slice(at, token.start), sql).toMatch(/^[ \t\n\r\f\v]*$/);
        expect(token.end, sql).toBeGreaterThan(token.start);
        at = token.end;
      }
      expect(sql.slice(at), sql).toMatch(/^[ \t\n\r\f\v]*$/);
    }
  });
});
