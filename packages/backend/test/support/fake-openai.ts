import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A stand-in for an OpenAI-compatible Chat Completions endpoint (what `OPENAI_BASE_URL` points the
 * provider at), speaking the real streaming wire format, scripted per test: for each customer
 * message it first calls the next planned tool, then answers with the tool result it was given, so a
 * test can see exactly what reached "the model". It records every request (tools offered, prompt).
 * A request without `stream` (generateText) is answered with the next of `replies`, as one JSON
 * completion.
 */

export interface PlannedCall {
  tool: string;
  input: Record<string, unknown>;
}

interface ChatMessage {
  role: string;
  content?: unknown;
}

export interface FakeOpenAI {
  baseURL: string;
  plan: PlannedCall[];
  /** Texts for non-streamed requests, in order; none left: "Model saw: <last message>". */
  replies: string[];
  /** Answer the next this many non-streamed requests with OpenAI's 401 (a wrong key). */
  refuseNext: number;
  requests: { tools: string[]; messages: ChatMessage[]; stream: boolean }[];
  close(): Promise<void>;
}

function chunk(delta: Record<string, unknown>, finish: string | null): string {
  const body = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model: "gpt-fake" };
  return `data: ${JSON.stringify({ ...body, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const fake: Omit<FakeOpenAI, "baseURL" | "close"> = { plan: [], replies: [], refuseNext: 0, requests: [] };
  const server: Server = createServer((request, response) => {
    let raw = "";
    request.on("data", (part: Buffer) => (raw += part.toString()));
    request.on("end", () => {
      const body = JSON.parse(raw) as {
        messages: ChatMessage[];
        tools?: { function: { name: string } }[];
        stream?: boolean;
      };
      fake.requests.push({
        tools: (body.tools ?? []).map((t) => t.function.name),
        messages: body.messages,
        stream: body.stream === true,
      });
      const last = body.messages.at(-1);
      if (body.stream !== true && fake.refuseNext > 0) {
        fake.refuseNext -= 1;
        response.writeHead(401, { "content-type": "application/json" });
        const message = "Incorrect API key provided: sk-loc***and. You can find your API key at …";
        response.end(
          JSON.stringify({ error: { message, type: "invalid_request_error", code: "invalid_api_key" } }),
        );
        return;
      }
      if (body.stream !== true) {
        const seen = typeof last?.content === "string" ? last.content : JSON.stringify(last?.content ?? "");
        const content = fake.replies.shift() ?? `Model saw: ${seen}`;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            id: "chatcmpl-fake",
            object: "chat.completion",
            created: 0,
            model: "gpt-fake",
            choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
        return;
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      const next = last?.role === "tool" ? undefined : fake.plan.shift();
      if (next !== undefined) {
        const call = { index: 0, id: `call_${fake.requests.length}`, type: "function" };
        response.write(
          chunk(
            {
              role: "assistant",
              tool_calls: [{ ...call, function: { name: next.tool, arguments: JSON.stringify(next.input) } }],
            },
            null,
          ),
        );
        response.write(chunk({}, "tool_calls"));
      } else {
        const seen = typeof last?.content === "string" ? last.content : JSON.stringify(last?.content ?? "");
        response.write(chunk({ role: "assistant", content: `Model saw: ${seen}` }, null));
        response.write(chunk({}, "stop"));
      }
      response.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
