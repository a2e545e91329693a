import { describe, expect, it } from "vitest";
import { findNamedPlaceholders, splitStatements, toPositionalParameters } from "../src/sql/sql-lexer.ts";

describe("splitStatements", () => {
  it("splits on top-level semicolons and reports each statement's first line", () => {
    const sql = "-- header\nCREATE TABLE a (x int);\n\nINSERT INTO a VALUES (1);\n  SELECT 1";
    expect(splitStatements(sql)).toEqual([
      { text: "CREATE TABLE a (x int)", offset: 10, line: 2 },
      { text: "INSERT INTO a VALUES (1)", offset: 35, line: 4 },
      { text: "SELECT 1", offset: 63, line: 5 },
    ]);
  });

  it("keeps semicolons inside literals, identifiers, dollar quotes and comments", () => {
    const sql = [
      "SELECT 'a;b', E'it\\'s;', \"odd;name\" FROM t /* c; /* nested; */ still; */;",
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;",
      "DO $$ BEGIN PERFORM 1; END $$; -- trailing; comment",
    ].join("\n");
    const statements = splitStatements(sql).map((s) => s.text);
    expect(statements).toHaveLength(3);
    expect(statements[1]).toBe("CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql");
    expect(statements[2]).toBe("DO $$ BEGIN PERFORM 1; END $$");
  });

  it("drops statements made only of comments and whitespace", () => {
    expect(splitStatements("/* only */ ;\n-- nothing\n;  ")).toEqual([]);
  });
});

describe("named placeholders", () => {
  it("finds :name outside literals and ignores casts and :=", () => {
    const sql =
      "SELECT ':skip', \"a:b\", x::int, $$ :no $$ FROM t WHERE id = :id AND n = :n -- :comment\n AND f(a := 1)";
    expect(findNamedPlaceholders(sql).map((p) => p.name)).toEqual(["id", "n"]);
  });

  it("rewrites to positional parameters, binding a repeated name once and adding type casts", () => {
    const { text, names } = toPositionalParameters(
      "SELECT * FROM orders WHERE placed_on >= :from AND placed_on < :from::date + 1 AND status = :status",
      new Map([["from", "date"]]),
    );
    expect(names).toEqual(["from", "status"]);
    expect(text).toBe(
      "SELECT * FROM orders WHERE placed_on >= $1::date AND placed_on < $1::date::date + 1 AND status = $2",
    );
  });

  it("does not treat $1 as a dollar quote", () => {
    expect(findNamedPlaceholders("SELECT $1, :a, $2").map((p) => p.name)).toEqual(["a"]);
  });
});
