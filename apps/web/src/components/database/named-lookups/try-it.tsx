"use client";

import { api } from "@answerbase/backend/api";
import { EMAIL_PATTERN } from "@answerbase/backend/shared/contacts";
import { useAction } from "convex/react";
import { PlayIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Input } from "@answerbase/ui/input";
import { ChoiceButtons } from "@/components/choice-buttons";
import { ErrorPanel } from "@/components/error-panel";
import { describedBy, Field, InputField } from "@/components/field";
import { Form, SubmitButton } from "@/components/form";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import { PARAMETER_TYPES, sentence, type FieldErrors, type StoredLookup } from "./lookup-definition";
import { SELECT_CLASS } from "./parameter-rows";
import type { TryItPage } from "./result-table";
import { ScopeRefusal, TryItResult } from "./try-it-result";

type RunAs = "admin" | "contact" | "visitor";

const RUN_AS: { value: RunAs; label: string; help: string }[] = [
  { value: "admin", label: "Admin", help: "Every row, unscoped, as you see them on this page." },
  {
    value: "contact",
    label: "A verified customer",
    help: "As the agent runs it for a signed-in customer: customer tables show only their rows.",
  },
  {
    value: "visitor",
    label: "An unverified visitor",
    help: "As for an anonymous widget visitor: only public tables can be read.",
  },
];

/**
 * Runs a saved lookup exactly as the agent would, with typed values; Enter in any field runs it. The
 * section opens one at a time, so its ids are unique on the page.
 */
export function TryIt({ lookup }: { lookup: StoredLookup }) {
  const { organizationId } = useOrganization();
  const tryIt = useAction(api.private.namedLookupActions.tryIt);
  const [values, setValues] = useState<Record<string, string>>({});
  const [runAs, setRunAs] = useState<RunAs>("admin");
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [result, setResult] = useState<TryItPage | null>(null);
  const [pending, setPending] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // Opening "Try it" puts the keyboard in its first field: type the values, then Enter.
  useEffect(() => form.current?.querySelector<HTMLElement>("input, select, button")?.focus(), []);

  const run = async (cursor: string | null) => {
    const contact = email.trim().toLowerCase();
    if (runAs === "contact" && !EMAIL_PATTERN.test(contact)) {
      setErrors({ email: "Type the customer's e-mail address, e.g. alice@example.com." });
      return;
    }
    setErrors({});
    setFailure(null);
    setPending(true);
    // Empty fields are left out, so the backend names them as missing rather than as empty text.
    const args = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ""));
    try {
      const page = await tryIt({
        organizationId,
        name: lookup.name,
        args,
        ...(runAs === "admin" ? {} : { asContact: runAs === "contact" ? { email: contact } : null }),
        ...(cursor === null ? {} : { cursor }),
      });
      setResult((previous) =>
        cursor !== null && previous !== null
          ? { ...page, rows: [...previous.rows, ...page.rows], rowCount: previous.rowCount + page.rowCount }
          : page,
      );
    } catch (error) {
      const info = errorInfo(error);
      const byParameter = Object.fromEntries(
        Object.entries(info.fields)
          .filter(([field]) => field.startsWith("args."))
          .map(([field, message]) => [field.slice("args.".length), message]),
      );
      setResult(null);
      if (Object.keys(byParameter).length > 0) setErrors(byParameter);
      else setFailure(info);
    } finally {
      setPending(false);
    }
  };
  return (
    <Form
      ref={form}
      className="grid gap-4 rounded-lg border bg-muted/30 p-4"
      onSubmit={() => run(null)}
      aria-label={`Try ${lookup.name}`}
      data-testid="try-it"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {lookup.parameters.map((parameter) => {
          const id = `try-it-arg-${parameter.name}`;
          const error = errors[parameter.name];
          const spec = PARAMETER_TYPES.find((t) => t.type === parameter.type);
          return (
            <Field
              key={parameter.name}
              id={id}
              label={`${parameter.name} (${spec?.label.toLowerCase() ?? parameter.type})`}
              error={error ? sentence(parameter.name, error) : undefined}
              help={parameter.description}
            >
              {parameter.type === "boolean" ? (
                <select
                  {...describedBy(id, error)}
                  className={SELECT_CLASS}
                  value={values[parameter.name] ?? ""}
                  onChange={(e) => setValues((v) => ({ ...v, [parameter.name]: e.target.value }))}
                  data-testid={id}
                >
                  <option value="">Choose…</option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
              ) : (
                <Input
                  {...describedBy(id, error)}
                  value={values[parameter.name] ?? ""}
                  placeholder={spec?.example}
                  inputMode={
                    parameter.type === "integer" || parameter.type === "number" ? "decimal" : undefined
                  }
                  className="font-mono"
                  autoComplete="off"
                  onChange={(e) => setValues((v) => ({ ...v, [parameter.name]: e.target.value }))}
                  data-testid={id}
                />
              )}
            </Field>
          );
        })}
      </div>
      <ChoiceButtons
        label="Run as"
        options={RUN_AS}
        value={runAs}
        onChange={setRunAs}
        hint={RUN_AS.find((o) => o.value === runAs)?.help}
        testId="try-it-as"
      />
      {runAs === "contact" && (
        <InputField
          id="try-it-email"
          label="Customer e-mail"
          error={errors.email}
          help="The verified customer to run it as, e.g. alice@example.com."
          type="email"
          value={email}
          placeholder="customer@example.com"
          onChange={(e) => setEmail(e.target.value)}
        />
      )}
      <div>
        <SubmitButton pending={pending} icon={PlayIcon} data-testid="try-it-run">
          Run
        </SubmitButton>
      </div>
      {failure &&
        (failure.code === "forbidden" && runAs !== "admin" ? (
          <ScopeRefusal
            who={runAs === "visitor" ? "An unverified visitor" : "This customer"}
            message={failure.message}
          />
        ) : (
          <ErrorPanel title={`${lookup.name} did not run`} error={failure} testId="try-it-error" />
        ))}
      {result && <TryItResult result={result} pending={pending} onMore={(cursor) => void run(cursor)} />}
    </Form>
  );
}
