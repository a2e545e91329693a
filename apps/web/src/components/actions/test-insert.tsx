"use client";

import { api } from "@answerbase/backend/api";
import { useAction } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Badge } from "@answerbase/ui/badge";
import { useOrganization } from "@/lib/organization";
import type { StoredAction } from "./action-definition";
import { SampleTest } from "./sample-test";

type InsertTestResult = FunctionReturnType<typeof api.private.agentActionInserts.test>;

/**
 * "Test" for a database insert: the saved INSERT with sample values, through the write credential,
 * inside a transaction that is rolled back — the database checks the row (constraints, permissions)
 * and returns its key, and nothing stays.
 */
export function TestInsert({ action }: { action: StoredAction }) {
  const { organizationId } = useOrganization();
  const test = useAction(api.private.agentActionInserts.test);
  return (
    <SampleTest<InsertTestResult>
      action={action}
      note="Runs the INSERT with these values through the write credential inside a transaction that is then rolled back: the database checks the row and returns its key, and nothing is kept."
      runLabel="Test (rolled back)"
      run={(sampleInputs) => test({ organizationId, actionId: action._id, sampleInputs })}
    >
      {(result) => (
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
    </SampleTest>
  );
}
