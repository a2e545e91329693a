import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringifyWithExactIntegers, exactInteger } from "../src/http/exact-integer.ts";
import { startTestCloud, type TestCloud } from "../src/testing/index.ts";

describe("64-bit integers on the wire", () => {
  let stack: TestCloud;
  beforeAll(async () => {
    stack = await startTestCloud();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("writes every digit, unquoted, and leaves look-alike strings alone", () => {
    const text = stringifyWithExactIntegers({
      a: exactInteger("9007199254740993"),
      b: exactInteger("42"),
      c: "exact-integer-x:1",
    });
    expect(text).toBe('{"a":9007199254740993,"b":42,"c":"exact-integer-x:1"}');
  });

  it("sends an int8 beyond 2^53 exactly as the RDS Data API's longValue", async () => {
    const response = await fetch(`${stack.cloud.url}/Execute`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...stack.demo.aurora, sql: "SELECT 9007199254740993::int8 AS n" }),
    });
    expect(await response.text()).toContain('"longValue":9007199254740993');
  });
});
