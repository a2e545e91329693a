/** A request a provider SDK sent, as the vendor's API would receive it. */
export interface RecordedRequest {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * A `fetch` that answers like the OpenAI, Gemini and Bedrock embedding endpoints, with vectors of the
 * size the request asked for (or `fallbackSize`), and records every request. No network.
 */
export function fakeProviderFetch(fallbackSize = 8) {
  const requests: RecordedRequest[] = [];
  const vector = (size: unknown) =>
    Array.from({ length: typeof size === "number" ? size : fallbackSize }, () => 0.1);
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    const body = JSON.parse(typeof init?.body === "string" ? init.body : "{}") as Record<string, unknown>;
    requests.push({ url, headers: new Headers(init?.headers), body });
    const json = (value: unknown) =>
      Promise.resolve(
        new Response(JSON.stringify(value), { status: 200, headers: { "content-type": "application/json" } }),
      );
    if (url.endsWith("/embeddings")) {
      const input = body.input as string[];
      return json({
        object: "list",
        data: input.map((_, index) => ({ object: "embedding", index, embedding: vector(body.dimensions) })),
        model: body.model,
        usage: { prompt_tokens: input.length, total_tokens: input.length },
      });
    }
    if (url.endsWith(":embedContent"))
      return json({ embedding: { values: vector(body.outputDimensionality) } });
    if (url.endsWith(":batchEmbedContents")) {
      const requestsIn = body.requests as { outputDimensionality?: number }[];
      return json({ embeddings: requestsIn.map((r) => ({ values: vector(r.outputDimensionality) })) });
    }
    if (url.endsWith("/invoke")) return json({ embedding: vector(body.dimensions), inputTextTokenCount: 3 });
    return Promise.resolve(new Response("not found", { status: 404 }));
  };
  return { fetch, requests };
}
