import { describe, expect, it } from "vitest";
import { identifierName, lexSql, truncateIdentifier } from "../src/index.ts";

const names = (sql: string) =>
  lexSql(sql).flatMap((t) =>
    t.kind === "word" || t.kind === "quoted-identifier" ? [identifierName(t)] : [],
  );

describe("identifierName", () => {
  it("folds unquoted names to lower case and keeps quoted ones as written", () => {
    expect(names('SELECT "Mixed""Case", Plain, ÉCOLE FROM t')).toEqual([
      "select",
      'Mixed"Case',
      "plain",
      // The server folds only ASCII letters in a UTF-8 database.
      "École",
      "from",
      "t",
    ]);
  });

  it("truncates names to 63 bytes, quoted or not", () => {
    expect(names(`${"A".repeat(70)} "${"B".repeat(70)}"`)).toEqual(["a".repeat(63), "B".repeat(63)]);
  });
});

describe("truncateIdentifier", () => {
  it("never cuts a multi-byte character in two", () => {
    // "é" is two bytes in UTF-8: 31 of them fit in 63 bytes, the 32nd would need byte 64.
    expect(truncateIdentifier("é".repeat(40))).toBe("é".repeat(31));
    expect(truncateIdentifier(`a${"€".repeat(30)}`)).toBe(`a${"€".repeat(20)}`);
  });

  it("leaves a name of 63 bytes or fewer alone", () => {
    expect(truncateIdentifier("x".repeat(63))).toBe("x".repeat(63));
    expect(truncateIdentifier("")).toBe("");
  });
});
