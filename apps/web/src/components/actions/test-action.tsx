"use client";

import { api } from "@answerbase/backend/api";
import { useAction } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { PlayIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { ErrorPanel } from "@/components/error-panel";
import { InputField } from "@/components/field";
import { Form, SubmitButton } from "@/components/form";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import { draftFromStored, type StoredAction } from "./action-definition";

type TestResult = FunctionReturnType<typeof api.private.agentActionTests.testAction>;

/** A typed sample value: numbers and booleans as the model would send them. */
export function sampleValue(type: string, text: string): string | number | boolean {
  if (type === "boolean") return text.trim() === "true";
  if (type === "number" || type === "integer") return Number(text);
  return text;
}

/**
 * Runs the saved action once with sample inputs, skipping its gate, and shows the request as sent
 * (secret header values masked by the backend) and the response with the mapped fields.
 */
export function TestAction({ action }: { action: StoredAction }) {
  const { organizationId } = useOrganization();
  const test = useAction(api.private.agentActionTests.testAction);
  const inputs = draftFromStored(action).inputs;
  const [values, setValues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<TestResult | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);

  const run = async () => {
    setPending(true);
    setFailure(null);
    try {
      const sample = Object.fromEntries(
        inputs.map((i) => [
          i.name,
          sampleValue(i.source === "model" ? i.type : "string", values[i.name] ?? ""),
        ]),
      );
      setResult(await test({ organizationId, actionId: action._id, sampleInputs: sample }));
    } catch (error) {
      setFailure(errorInfo(error));
      setResult(null);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="grid gap-3 rounded-md border bg-muted/30 p-3" data-testid="action-test">
      <Form className="grid gap-3" onSubmit={run} aria-label={`Test ${action.name}`}>
        <p className="text-xs text-muted-foreground">
          Sends one real request with these values, without asking anyone: use a test record.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {inputs.map((input) => (
            <InputField
              key={input.name}
              id={`action-test-input-${input.name}`}
              label={`${input.name} (${input.source === "model" ? input.type : input.source})`}
              help={input.source === "model" ? input.description : "Filled by Answerbase in a conversation"}
              value={values[input.name] ?? ""}
              onChange={(e) => setValues((v) => ({ ...v, [input.name]: e.target.value }))}
            />
          ))}
        </div>
        <div>
          <SubmitButton pending={pending} icon={PlayIcon} size="sm" data-testid="action-test-run">
            Send test request
          </SubmitButton>
        </div>
      </Form>
      {failure && <ErrorPanel title="The test did not run" error={failure} testId="action-test-failure" />}
      {result && (
        <div className="grid gap-3 lg:grid-cols-2" data-testid="action-test-result">
          <section className="grid content-start gap-1.5">
            <p className="text-sm font-medium">Request</p>
            <pre
              className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap"
              data-testid="action-test-request"
            >
              {`${result.request.method} ${result.request.url}\n`}
              {result.request.headers.map((h) => `${h.name}: ${h.value}\n`).join("")}
              {result.request.body ? `\n${result.request.body}` : ""}
            </pre>
          </section>
          <section className="grid content-start gap-1.5">
            <p className="flex items-center gap-2 text-sm font-medium">
              Response
              {result.response.kind === "response" ? (
                <Badge
                  variant={result.response.httpStatus < 400 ? "success" : "destructive"}
                  data-testid="action-test-status"
                >
                  HTTP {result.response.httpStatus} · {result.response.durationMs} ms
                </Badge>
              ) : (
                <Badge variant="destructive" data-testid="action-test-status">
                  {result.response.code} · {result.response.durationMs} ms
                </Badge>
              )}
            </p>
            {result.response.kind === "response" ? (
              <>
                <pre
                  className="max-h-64 overflow-auto rounded-md bg-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap"
                  data-testid="action-test-response"
                >
                  {result.response.excerpt}
                </pre>
                {result.response.fields.length > 0 && (
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs" data-testid="action-test-fields">
                    {result.response.fields.map((f) => (
                      <div key={f.field} className="contents">
                        <dt className="font-mono text-muted-foreground">{f.field}</dt>
                        <dd className="font-mono">{JSON.stringify(f.value)}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </>
            ) : (
              <p className="text-sm text-destructive" data-testid="action-test-response">
                {result.response.message}
              </p>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
