"use client";

import { api } from "@answerbase/backend/api";
import { useAction } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Badge } from "@answerbase/ui/badge";
import { useOrganization } from "@/lib/organization";
import type { StoredAction } from "./action-definition";
import { SampleTest } from "./sample-test";

type TestResult = FunctionReturnType<typeof api.private.agentActionTests.testAction>;

/**
 * Runs the saved action once with sample inputs, skipping its gate, and shows the request as sent
 * (secret header values masked by the backend) and the response with the mapped fields.
 */
export function TestAction({ action }: { action: StoredAction }) {
  const { organizationId } = useOrganization();
  const test = useAction(api.private.agentActionTests.testAction);
  return (
    <SampleTest<TestResult>
      action={action}
      note="Sends one real request with these values, without asking anyone: use a test record."
      runLabel="Send test request"
      run={(sampleInputs) => test({ organizationId, actionId: action._id, sampleInputs })}
    >
      {(result) => (
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
    </SampleTest>
  );
}
