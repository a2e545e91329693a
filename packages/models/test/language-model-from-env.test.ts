import { generateText } from "ai";
import { describe, expect, it, vi } from "vitest";
import { embeddingModelFromEnv, languageModelFromEnv, OFFLINE_LANGUAGE_MODEL_ID } from "../src/index.ts";
import { fakeChatFetch } from "./support/fake-chat-fetch.ts";

const OPENAI = { OPENAI_API_KEY: "sk-test-not-a-real-key" };
const ANTHROPIC = { ANTHROPIC_API_KEY: "sk-ant-test" };
const GOOGLE = { GOOGLE_GENERATIVE_AI_API_KEY: "google-test-key" };
const AWS = {
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "secret-example",
};

describe("languageModelFromEnv: selection", () => {
  it("uses the offline model by default, silently", async () => {
    const warn = vi.fn();
    for (const env of [{}, { LANGUAGE_MODEL: "" }, { LANGUAGE_MODEL: "offline" }]) {
      const entry = languageModelFromEnv(env, { warn });
      expect(entry).toMatchObject({ id: OFFLINE_LANGUAGE_MODEL_ID, offline: true });
      expect(entry.model.specificationVersion).toBe("v3");
    }
    expect(warn).not.toHaveBeenCalled();
    const { text } = await generateText({ model: languageModelFromEnv({}).model, prompt: "hello" });
    expect(text).toMatch(/^I can't look things up right now/);
  });

  it.each([
    ["openai/gpt-4.1-mini", OPENAI, "openai.responses"],
    ["anthropic/claude-sonnet-4-5", ANTHROPIC, "anthropic.messages"],
    ["google/gemini-2.5-flash", GOOGLE, "google.generative-ai"],
    ["bedrock/anthropic.claude-3-5-haiku-20241022-v1:0", AWS, "amazon-bedrock"],
  ])("%s → the provider's v3 model", (name, keys, provider) => {
    const entry = languageModelFromEnv({ LANGUAGE_MODEL: name, ...keys });
    expect(entry).toMatchObject({ id: name, offline: false });
    expect(entry.model).toMatchObject({
      specificationVersion: "v3",
      provider,
      modelId: name.slice(name.indexOf("/") + 1),
    });
  });

  it("uses Chat Completions for an OpenAI-compatible endpoint", () => {
    const entry = languageModelFromEnv({
      LANGUAGE_MODEL: "openai/llama-3.1-8b",
      OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      ...OPENAI,
    });
    expect(entry.model.provider).toBe("openai.chat");
  });
});

describe("languageModelFromEnv: requests reach the vendor's API (fake fetch)", () => {
  const cases: [string, Record<string, string>, RegExp, (headers: Headers) => void][] = [
    [
      "openai/gpt-4.1-mini",
      OPENAI,
      /^https:\/\/api\.openai\.com\/v1\/responses$/,
      (h) => expect(h.get("authorization")).toBe(`Bearer ${OPENAI.OPENAI_API_KEY}`),
    ],
    [
      "anthropic/claude-sonnet-4-5",
      ANTHROPIC,
      /^https:\/\/api\.anthropic\.com\/v1\/messages$/,
      (h) => expect(h.get("x-api-key")).toBe(ANTHROPIC.ANTHROPIC_API_KEY),
    ],
    [
      "google/gemini-2.5-flash",
      GOOGLE,
      /\/models\/gemini-2\.5-flash:generateContent$/,
      (h) => expect(h.get("x-goog-api-key")).toBe(GOOGLE.GOOGLE_GENERATIVE_AI_API_KEY),
    ],
    [
      "bedrock/anthropic.claude-3-5-haiku-20241022-v1:0",
      AWS,
      /^https:\/\/bedrock-runtime\.eu-west-1\.amazonaws\.com\/model\/anthropic\.claude-3-5-haiku-20241022-v1%3A0\/converse$/,
      (h) => expect(h.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//),
    ],
  ];
  it.each(cases)("%s", async (name, keys, url, checkHeaders) => {
    const vendor = fakeChatFetch("Your order has shipped.");
    const { model } = languageModelFromEnv({ LANGUAGE_MODEL: name, ...keys }, { fetch: vendor.fetch });
    const { text } = await generateText({ model, prompt: "Where is my order?" });
    expect(text).toBe("Your order has shipped.");
    expect(vendor.requests).toHaveLength(1);
    expect(vendor.requests[0]!.url).toMatch(url);
    expect(JSON.stringify(vendor.requests[0]!.body)).toContain("Where is my order?");
    checkHeaders(vendor.requests[0]!.headers);
  });

  it("OPENAI_BASE_URL and ANTHROPIC_BASE_URL replace the endpoints", async () => {
    const vendor = fakeChatFetch();
    const openai = languageModelFromEnv(
      { LANGUAGE_MODEL: "openai/local-model", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", ...OPENAI },
      { fetch: vendor.fetch },
    );
    await generateText({ model: openai.model, prompt: "hi" });
    const anthropic = languageModelFromEnv(
      {
        LANGUAGE_MODEL: "anthropic/claude-haiku-4-5",
        ANTHROPIC_BASE_URL: "http://127.0.0.1:9/anthropic/v1",
        ...ANTHROPIC,
      },
      { fetch: vendor.fetch },
    );
    await generateText({ model: anthropic.model, prompt: "hi" });
    expect(vendor.requests.map((r) => r.url)).toEqual([
      "http://127.0.0.1:9/v1/chat/completions",
      "http://127.0.0.1:9/anthropic/v1/messages",
    ]);
    expect(vendor.requests[0]!.body).toMatchObject({ model: "local-model" });
  });
});

describe("languageModelFromEnv: missing credentials fall back to the offline model", () => {
  it.each([
    [{ LANGUAGE_MODEL: "openai/gpt-4.1-mini" }, "OPENAI_API_KEY"],
    [{ LANGUAGE_MODEL: "anthropic/claude-sonnet-4-5", OPENAI_API_KEY: "sk-x" }, "ANTHROPIC_API_KEY"],
    [{ LANGUAGE_MODEL: "google/gemini-2.5-flash", ANTHROPIC_API_KEY: "  " }, "GOOGLE_GENERATIVE_AI_API_KEY"],
    [
      { LANGUAGE_MODEL: "bedrock/amazon.nova-lite-v1:0", AWS_REGION: "us-east-1" },
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    ],
  ])("%o → one warning naming %s, then the offline model", (env, missing) => {
    const warn = vi.fn();
    const entry = languageModelFromEnv(env, { warn });
    expect(entry).toMatchObject({ id: OFFLINE_LANGUAGE_MODEL_ID, offline: true });
    languageModelFromEnv(env, { warn });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain(`needs ${missing}`);
    expect(warn.mock.calls[0]![0]).toContain("using the offline model instead");
  });

  it("accepts a Bedrock API key instead of the access key pair", () => {
    const entry = languageModelFromEnv({
      LANGUAGE_MODEL: "bedrock/amazon.nova-lite-v1:0",
      AWS_REGION: "us-east-1",
      AWS_BEARER_TOKEN_BEDROCK: "bedrock-api-key",
    });
    expect(entry).toMatchObject({ id: "bedrock/amazon.nova-lite-v1:0", offline: false });
  });
});

describe("languageModelFromEnv: invalid settings throw, naming the variable", () => {
  it.each([
    [
      { LANGUAGE_MODEL: "mistral/mistral-large" },
      /LANGUAGE_MODEL: expected "offline" or "<provider>\/<model>"/,
    ],
    [{ LANGUAGE_MODEL: "openai" }, /LANGUAGE_MODEL: expected/],
    [{ LANGUAGE_MODEL: "test" }, /LANGUAGE_MODEL: expected/],
    [{ ANTHROPIC_BASE_URL: "not a url" }, /ANTHROPIC_BASE_URL/],
  ])("%o", (env, message) => {
    expect(() => languageModelFromEnv({ ...env, ANTHROPIC_API_KEY: "sk-ant-do-not-print" })).toThrow(message);
  });

  it("never puts a secret in the error, and a bad LANGUAGE_MODEL is reported by the embedding side too", () => {
    const secret = "sk-ant-do-not-print";
    const env = { LANGUAGE_MODEL: "nope/x", ANTHROPIC_API_KEY: secret };
    expect(() => languageModelFromEnv(env)).toThrow(/LANGUAGE_MODEL/);
    expect(() => languageModelFromEnv(env)).not.toThrow(secret);
    expect(() => embeddingModelFromEnv(env)).toThrow(/LANGUAGE_MODEL/);
  });
});
