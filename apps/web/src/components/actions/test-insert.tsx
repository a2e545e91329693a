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
import { sampleValue } from "./test-action";

type InsertTestResult = FunctionReturnType<typeof api.private.agentActionInserts.test>;

/**
 * "Test" for a database insert: the saved INSERT with sample values, through the write credential,
 * inside a transaction that is rolled back — the database checks the row (constraints, permissions)
 * and returns its key, and nothing stays.
 */
export function TestInsert({ action }: { action: StoredAction }) {
  const { organizationId } = useOrganization();
  const test = useAction(api.private.agentActionInserts.test);
  const inputs = draftFromStored(action).inputs;
  const [values, setValues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<InsertTestResult | null>(null);
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
        <p className="text-xs text-muted-foreground" data-testid="action-test-rollback-note">
          Runs the INSERT with these values through the write credential inside a transaction that is then
          rolled back: the database checks the row and returns its key, and nothing is kept.
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
            Test (rolled back)
          </SubmitButton>
        </div>
      </Form>
      {failure && <ErrorPanel title="The test did not run" error={failure} testId="action-test-failure" />}
      {result && (
        <section className="grid gap-1.5" data-testid="action-test-result">
          <p className="flex items-center gap-2 text-sm font-medium">
            Result
            <Badge
              variant={result.kind === "rolled_back" ? "success" : "destructive"}
              data-testid="action-test-status"
            >
              {result.kind === "rolled_back" ? "inserted, then rolled back" : result.code} ·{" "}
              {result.durationMs} ms
            </Badge>
          </p>
          {result.kind === "rolled_back" ? (
            <>
              <pre
                className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap"
                data-testid="action-test-request"
              >
                {result.statement}
              </pre>
              <p className="font-mono text-xs" data-testid="action-test-fields">
                {result.key.map((k) => `${k.field} = ${JSON.stringify(k.value)}`).join(", ")} (not kept)
              </p>
            </>
          ) : (
            <p className="text-sm text-destructive" data-testid="action-test-response">
              {result.message}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
