"use client";

import { CodeBlock } from "@/components/copy-button";
import { usePublicUrls } from "@/lib/public-urls";

/** One curl per endpoint, against this deployment; `$ANSWERBASE_API_KEY` stands for a key's secret. */
export function apiExamples(apiUrl: string): { title: string; code: string }[] {
  const auth = `-H "Authorization: Bearer $ANSWERBASE_API_KEY"`;
  const post = (path: string, body: unknown, extra = "") =>
    `curl -sS -X POST ${apiUrl}${path} \\\n  ${auth} \\\n  -H "Content-Type: application/json" \\${extra}\n  -d '${JSON.stringify(body)}'`;
  const get = (path: string) => `curl -sS "${apiUrl}${path}" \\\n  ${auth}`;
  return [
    {
      title: "POST /v1/lookups — the lookup tool's result (lookups)",
      code: post("/v1/lookups", {
        question: "where is my order #1001?",
        customer: { email: "alice@example.com" },
      }),
    },
    { title: "GET /v1/tools — tool definitions (lookups)", code: get("/v1/tools?format=openai") },
    {
      title: "POST /v1/answers — ask the agent (answers)",
      code: post(
        "/v1/answers",
        { question: "What is your return policy?", customer: { email: "alice@example.com", name: "Alice" } },
        '\n  -H "Idempotency-Key: 7f9c2b1e" \\',
      ),
    },
    {
      title: "GET /v1/conversations (conversations:read)",
      code: get("/v1/conversations?status=escalated&limit=20"),
    },
    {
      title: "GET /v1/conversations/{id} (conversations:read)",
      code: get("/v1/conversations/$CONVERSATION_ID"),
    },
    {
      title: "GET /v1/conversations/{id}/messages (conversations:read)",
      code: get("/v1/conversations/$CONVERSATION_ID/messages"),
    },
    {
      title: "POST /v1/conversations/{id}/messages (conversations:write)",
      code: post("/v1/conversations/$CONVERSATION_ID/messages", {
        text: "A person here: on it.",
        as: "operator",
      }),
    },
    {
      title: "POST /v1/conversations/{id}/escalate (conversations:write)",
      code: post("/v1/conversations/$CONVERSATION_ID/escalate", {
        reason: "Asked for a person on WhatsApp.",
      }),
    },
    {
      title: "POST /v1/conversations/{id}/resolve (conversations:write)",
      code: post("/v1/conversations/$CONVERSATION_ID/resolve", {}),
    },
    {
      title: "GET /v1/openapi.json — the OpenAPI 3.1 document (no key)",
      code: `curl -sS ${apiUrl}/v1/openapi.json`,
    },
  ];
}

export function ApiExamples() {
  const { apiUrl } = usePublicUrls();
  if (apiUrl === null) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="api-url-unknown">
        This dashboard does not know the deployment&apos;s site URL (set CONVEX_SITE_URL): the API is served
        under <span className="font-mono">/v1</span> of it.
      </p>
    );
  }
  return (
    <div className="grid gap-4" data-testid="api-examples">
      <p className="text-sm text-muted-foreground">
        The API is served at{" "}
        <span className="font-mono" data-testid="api-url">
          {apiUrl}/v1
        </span>
        . Set <span className="font-mono">ANSWERBASE_API_KEY</span> to a key&apos;s secret first.
      </p>
      {apiExamples(apiUrl).map((example) => (
        <CodeBlock key={example.title} title={example.title} code={example.code} testId="api-example" />
      ))}
    </div>
  );
}
