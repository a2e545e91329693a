import { describe, expect, it } from "vitest";
import { contentHash } from "../src/index.ts";
import { utf8 } from "./helpers.ts";

describe("contentHash", () => {
  it("is the SHA-256 of the bytes in lowercase hex (FIPS 180-2 test vectors)", () => {
    expect(contentHash(utf8("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(contentHash(new Uint8Array())).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("changes with any byte, so only an identical re-upload is skipped", () => {
    expect(contentHash(utf8("Refunds in 5 days"))).not.toBe(contentHash(utf8("Refunds in 6 days")));
  });

  it("hashes exactly the view it is given", () => {
    const buffer = utf8("xxabcxx");
    expect(contentHash(buffer.subarray(2, 5))).toBe(contentHash(utf8("abc")));
  });
});
