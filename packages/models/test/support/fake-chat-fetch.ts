import type { RecordedRequest } from "./fake-provider-fetch.ts";

/**
 * A `fetch` that answers like the chat endpoints of OpenAI (Responses and Chat Completions),
 * Anthropic (Messages), Gemini (generateContent) and Bedrock (Converse) with `reply`, in each vendor's
 * response shape, and records every request. No network.
 */
export function fakeChatFetch(reply = "Hello from the fake vendor.") {
  const requests: RecordedRequest[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    const body = JSON.parse(typeof init?.body === "string" ? init.body : "{}") as Record<string, unknown>;
    requests.push({ url, headers: new Headers(init?.headers), body });
    const json = (value: unknown) =>
      Promise.resolve(
        new Response(JSON.stringify(value), { status: 200, headers: { "content-type": "application/json" } }),
      );
    if (url.endsWith("/responses"))
      return json({
        id: "resp_1",
        created_at: 1_700_000_000,
        model: body.model,
        output: [
          {
            type: "message",
            role: "assistant",
            id: "msg_1",
            content: [{ type: "output_text", text: reply, annotations: [] }],
          },
        ],
        usage: { input_tokens: 3, input_tokens_details: {}, output_tokens: 5, output_tokens_details: {} },
      });
    if (url.endsWith("/chat/completions"))
      return json({
        id: "chatcmpl_1",
        created: 1_700_000_000,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: "stop" }],
        usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
      });
    if (url.endsWith("/messages"))
      return json({
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: body.model,
        content: [{ type: "text", text: reply }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: { input_tokens: 3, output_tokens: 5 },
      });
    if (url.endsWith(":generateContent"))
      return json({
        candidates: [{ content: { role: "model", parts: [{ text: reply }] }, finishReason: "STOP" }],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 5, totalTokenCount: 8 },
      });
    if (url.endsWith("/converse"))
      return json({
        output: { message: { role: "assistant", content: [{ text: reply }] } },
        stopReason: "end_turn",
        usage: { inputTokens: 3, outputTokens: 5, totalTokens: 8 },
      });
    return Promise.resolve(new Response("not found", { status: 404 }));
  };
  return { fetch, requests };
}
