import { embed } from "ai";
import { describe, expect, it, vi } from "vitest";
import { embeddingModelFromEnv, OFFLINE_MODEL_ID } from "../src/index.ts";
import { fakeProviderFetch } from "./support/fake-provider-fetch.ts";

const OPENAI = { OPENAI_API_KEY: "sk-test-not-a-real-key" };
const GOOGLE = { GOOGLE_GENERATIVE_AI_API_KEY: "google-test-key" };
const AWS = {
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "secret-example",
};

describe("embeddingModelFromEnv: selection", () => {
  it("uses the offline model by default, without loading it", () => {
    const warn = vi.fn();
    const entry = embeddingModelFromEnv({}, { warn });
    expect(entry).toMatchObject({ id: OFFLINE_MODEL_ID, dimension: 512 });
    expect(entry.stats.calls).toBe(0);
    expect(warn).not.toHaveBeenCalled();
    expect(embeddingModelFromEnv({ EMBEDDING_MODEL: "" }).id).toBe(OFFLINE_MODEL_ID);
  });

  it("gives the test embedder, at the requested dimension", () => {
    expect(embeddingModelFromEnv({ EMBEDDING_MODEL: "test" })).toMatchObject({
      id: "test/hashed-ngrams-v1",
      dimension: 256,
    });
    expect(embeddingModelFromEnv({ EMBEDDING_MODEL: "test", EMBEDDING_DIMENSIONS: "1024" })).toMatchObject({
      id: "test/hashed-ngrams-v1@1024",
      dimension: 1024,
    });
  });

  it.each([
    ["openai/text-embedding-3-small", OPENAI, 1536, "openai.embedding"],
    ["openai/text-embedding-3-large", OPENAI, 3072, "openai.embedding"],
    ["google/text-embedding-004", GOOGLE, 768, "google.generative-ai"],
    ["google/gemini-embedding-001", GOOGLE, 3072, "google.generative-ai"],
    ["bedrock/amazon.titan-embed-text-v2:0", AWS, 1024, "amazon-bedrock"],
    ["bedrock/cohere.embed-multilingual-v3", AWS, 1024, "amazon-bedrock"],
  ])("%s has its native dimension from the table", (name, keys, dimension, provider) => {
    const entry = embeddingModelFromEnv({ EMBEDDING_MODEL: name, ...keys });
    expect(entry).toMatchObject({ id: name, dimension });
    expect(entry.model).toMatchObject({ specificationVersion: "v3", provider, modelId: name.split("/")[1] });
  });

  it("accepts a model missing from the table when EMBEDDING_DIMENSIONS states its size", () => {
    const entry = embeddingModelFromEnv({
      EMBEDDING_MODEL: "openai/my-fine-tuned-embedder",
      EMBEDDING_DIMENSIONS: "768",
      ...OPENAI,
    });
    expect(entry).toMatchObject({ id: "openai/my-fine-tuned-embedder", dimension: 768 });
  });

  it("gives every distinct vector space a distinct id", () => {
    const configs = [
      {},
      { EMBEDDING_MODEL: "test" },
      { EMBEDDING_MODEL: "test", EMBEDDING_DIMENSIONS: "512" },
      { EMBEDDING_MODEL: "openai/text-embedding-3-small", ...OPENAI },
      { EMBEDDING_MODEL: "openai/text-embedding-3-small", EMBEDDING_DIMENSIONS: "512", ...OPENAI },
      { EMBEDDING_MODEL: "openai/text-embedding-3-small", EMBEDDING_DIMENSIONS: "1024", ...OPENAI },
      { EMBEDDING_MODEL: "bedrock/amazon.titan-embed-text-v2:0", EMBEDDING_DIMENSIONS: "512", ...AWS },
      { EMBEDDING_MODEL: "google/gemini-embedding-001", EMBEDDING_DIMENSIONS: "768", ...GOOGLE },
    ];
    const ids = configs.map((env) => embeddingModelFromEnv(env).id);
    expect(new Set(ids).size).toBe(configs.length);
  });
});

describe("embeddingModelFromEnv: shorter vectors reach the provider's request", () => {
  it("OpenAI: `dimensions` in the body, the key in the Authorization header", async () => {
    const vendor = fakeProviderFetch();
    const entry = embeddingModelFromEnv(
      { EMBEDDING_MODEL: "openai/text-embedding-3-small", EMBEDDING_DIMENSIONS: "512", ...OPENAI },
      { fetch: vendor.fetch },
    );
    expect(entry).toMatchObject({ id: "openai/text-embedding-3-small@512", dimension: 512 });
    const { embedding } = await embed({ model: entry.model, value: "where is my order" });
    expect(embedding).toHaveLength(512);
    expect(vendor.requests).toHaveLength(1);
    expect(vendor.requests[0]!.url).toBe("https://api.openai.com/v1/embeddings");
    expect(vendor.requests[0]!.body).toMatchObject({ model: "text-embedding-3-small", dimensions: 512 });
    expect(vendor.requests[0]!.headers.get("authorization")).toBe(`Bearer ${OPENAI.OPENAI_API_KEY}`);
    expect(entry.stats).toMatchObject({ calls: 1, values: 1 });
  });

  it("OpenAI: OPENAI_BASE_URL replaces the endpoint; no `dimensions` at the native size", async () => {
    const vendor = fakeProviderFetch();
    const entry = embeddingModelFromEnv(
      {
        EMBEDDING_MODEL: "openai/text-embedding-3-small",
        OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
        ...OPENAI,
      },
      { fetch: vendor.fetch },
    );
    await embed({ model: entry.model, value: "hello" });
    expect(vendor.requests[0]!.url).toBe("http://127.0.0.1:9/v1/embeddings");
    expect(vendor.requests[0]!.body.dimensions).toBeUndefined();
  });

  it("Gemini: `outputDimensionality`", async () => {
    const vendor = fakeProviderFetch();
    const entry = embeddingModelFromEnv(
      { EMBEDDING_MODEL: "google/gemini-embedding-001", EMBEDDING_DIMENSIONS: "768", ...GOOGLE },
      { fetch: vendor.fetch },
    );
    const { embedding } = await embed({ model: entry.model, value: "store opening hours" });
    expect(embedding).toHaveLength(768);
    expect(vendor.requests[0]!.url).toMatch(/\/models\/gemini-embedding-001:embedContent$/);
    expect(vendor.requests[0]!.body).toMatchObject({ outputDimensionality: 768 });
  });

  it("Bedrock Titan v2: `dimensions`, a SigV4-signed request to the configured region", async () => {
    const vendor = fakeProviderFetch();
    const entry = embeddingModelFromEnv(
      { EMBEDDING_MODEL: "bedrock/amazon.titan-embed-text-v2:0", EMBEDDING_DIMENSIONS: "256", ...AWS },
      { fetch: vendor.fetch },
    );
    const { embedding } = await embed({ model: entry.model, value: "track my package" });
    expect(embedding).toHaveLength(256);
    expect(vendor.requests[0]!.url).toBe(
      "https://bedrock-runtime.eu-west-1.amazonaws.com/model/amazon.titan-embed-text-v2%3A0/invoke",
    );
    expect(vendor.requests[0]!.body).toMatchObject({ inputText: "track my package", dimensions: 256 });
    expect(vendor.requests[0]!.headers.get("authorization")).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//,
    );
  });
});

describe("embeddingModelFromEnv: missing credentials fall back to the offline model", () => {
  it.each([
    [{ EMBEDDING_MODEL: "openai/text-embedding-3-small" }, "OPENAI_API_KEY"],
    [
      { EMBEDDING_MODEL: "google/text-embedding-004", OPENAI_API_KEY: "sk-x" },
      "GOOGLE_GENERATIVE_AI_API_KEY",
    ],
    [
      {
        EMBEDDING_MODEL: "bedrock/amazon.titan-embed-text-v2:0",
        AWS_ACCESS_KEY_ID: "a",
        AWS_SECRET_ACCESS_KEY: "b",
      },
      "AWS_REGION",
    ],
    [
      {
        EMBEDDING_MODEL: "bedrock/amazon.titan-embed-text-v2:0",
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "a",
      },
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    ],
    [{ EMBEDDING_MODEL: "openai/text-embedding-3-small", OPENAI_API_KEY: "  " }, "OPENAI_API_KEY"],
  ])("%o → warns about %s once and uses the offline model", (env, missing) => {
    const warn = vi.fn();
    const entry = embeddingModelFromEnv(env, { warn });
    expect(entry).toMatchObject({ id: OFFLINE_MODEL_ID, dimension: 512 });
    embeddingModelFromEnv(env, { warn });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain(`needs ${missing}`);
    expect(warn.mock.calls[0]![0]).toContain("using the offline model");
  });

  it("accepts a Bedrock API key instead of the access key pair", () => {
    const entry = embeddingModelFromEnv({
      EMBEDDING_MODEL: "bedrock/amazon.titan-embed-text-v2:0",
      AWS_REGION: "us-east-1",
      AWS_BEARER_TOKEN_BEDROCK: "bedrock-api-key",
    });
    expect(entry.id).toBe("bedrock/amazon.titan-embed-text-v2:0");
  });
});

describe("embeddingModelFromEnv: invalid settings throw, naming the variable", () => {
  it.each([
    [
      { EMBEDDING_MODEL: "cohere/embed-v4" },
      /EMBEDDING_MODEL: expected "offline", "test" or "<provider>\/<model>"/,
    ],
    [{ EMBEDDING_MODEL: "openai" }, /EMBEDDING_MODEL: expected/],
    [{ EMBEDDING_DIMENSIONS: "300" }, /EMBEDDING_DIMENSIONS: expected one of 128, 256, 512/],
    [{ EMBEDDING_DIMENSIONS: "768" }, /EMBEDDING_MODEL=offline produces 512-dimensional vectors/],
    [
      { EMBEDDING_MODEL: "openai/text-embedding-ada-002", EMBEDDING_DIMENSIONS: "512" },
      /cannot be shortened to EMBEDDING_DIMENSIONS=512/,
    ],
    [
      { EMBEDDING_MODEL: "bedrock/amazon.titan-embed-text-v2:0", EMBEDDING_DIMENSIONS: "768" },
      /cannot be shortened/,
    ],
    [
      { EMBEDDING_MODEL: "openai/text-embedding-3-small", EMBEDDING_DIMENSIONS: "3072" },
      /cannot be shortened/,
    ],
    [{ EMBEDDING_MODEL: "google/some-new-model" }, /set EMBEDDING_DIMENSIONS to its output size/],
  ])("%o", (env, message) => {
    expect(() => embeddingModelFromEnv({ ...env, OPENAI_API_KEY: "sk-do-not-print" })).toThrow(message);
  });

  it("never puts a secret in the error", () => {
    const secret = "sk-do-not-print";
    const error = (() => {
      try {
        embeddingModelFromEnv({
          OPENAI_API_KEY: secret,
          OPENAI_BASE_URL: "not a url",
          EMBEDDING_DIMENSIONS: "x",
        });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/OPENAI_BASE_URL/);
    expect(error?.message).toMatch(/EMBEDDING_DIMENSIONS/);
    expect(error?.message).not.toContain(secret);
  });
});
