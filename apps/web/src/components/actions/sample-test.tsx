"use client";

import { PlayIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { ErrorPanel } from "@/components/error-panel";
import { InputField } from "@/components/field";
import { Form, SubmitButton } from "@/components/form";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { draftFromStored, type StoredAction } from "./action-definition";

export type SampleInputs = Record<string, string | number | boolean>;

/** A typed sample value: numbers and booleans as the model would send them. */
function sampleValue(type: string, text: string): string | number | boolean {
  if (type === "boolean") return text.trim() === "true";
  if (type === "number" || type === "integer") return Number(text);
  return text;
}

/**
 * The frame both tests share (an HTTP action's request, a database insert rolled back): one sample
 * value per input (identity ones too, since no conversation is involved), the run, its failure, and
 * `children` drawing the result.
 */
export function SampleTest<R>({
  action,
  note,
  runLabel,
  run,
  children,
}: {
  action: StoredAction;
  note: ReactNode;
  runLabel: string;
  run: (sample: SampleInputs) => Promise<R>;
  children: (result: R) => ReactNode;
}) {
  const inputs = draftFromStored(action).inputs;
  const [values, setValues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<R | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async () => {
    setPending(true);
    setFailure(null);
    try {
      const sample = Object.fromEntries(
        inputs.map((i) => [
          i.name,
          sampleValue(i.source === "model" ? i.type : "string", values[i.name] ?? ""),
        ]),
      );
      setResult(await run(sample));
    } catch (error) {
      setFailure(errorInfo(error));
      setResult(null);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="grid gap-3 rounded-md border bg-muted/30 p-3" data-testid="action-test">
      <Form className="grid gap-3" onSubmit={submit} aria-label={`Test ${action.name}`}>
        <p className="text-xs text-muted-foreground" data-testid="action-test-note">
          {note}
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
            {runLabel}
          </SubmitButton>
        </div>
      </Form>
      {failure && <ErrorPanel title="The test did not run" error={failure} testId="action-test-failure" />}
      {result !== null && children(result)}
    </div>
  );
}
