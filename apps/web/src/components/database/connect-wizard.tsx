"use client";

import { api } from "@answerbase/backend/api";
import { useAction, useQuery } from "convex/react";
import { ArrowLeftIcon, PlugZapIcon, SaveIcon } from "lucide-react";
import { useState, type ChangeEvent } from "react";
import { Button } from "@answerbase/ui/button";
import { toast } from "@answerbase/ui/sonner";
import { ChoiceButtons } from "@/components/choice-buttons";
import { ErrorPanel } from "@/components/error-panel";
import { InputField } from "@/components/field";
import { Form, SubmitButton } from "@/components/form";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import {
  PROVIDERS,
  providerSpec,
  toConfig,
  type Provider,
  type RedshiftCredentials,
  type RedshiftTarget,
  usesAwsRole,
} from "./providers";
import { SecretField } from "./secret-field";
import { TrustPolicyHelp } from "./trust-policy";

const REDSHIFT_TARGETS = [
  { value: "workgroup", label: "Serverless workgroup" },
  { value: "cluster", label: "Provisioned cluster" },
  { value: "direct", label: "Direct (port 5439)" },
] as const;
const REDSHIFT_CREDENTIALS = [
  { value: "secret", label: "Secret ARN" },
  { value: "dbUser", label: "Database user" },
] as const;

/**
 * Choose a provider, fill its form (checked as you type after the first submit, help under each
 * field), and "Test and save": the draft is tested first and saved only once it connects. A failing
 * test saves nothing; it shows the database's error once and offers "Save anyway" for a database that
 * is down on purpose. Secrets stay masked unless shown on request. Nothing typed is lost on an error.
 */
export function ConnectWizard({
  initialProvider,
  onDone,
  onCancel,
}: {
  initialProvider?: Provider;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { organizationId } = useOrganization();
  const save = useAction(api.private.dataSourceActions.save);
  const test = useAction(api.private.dataSourceActions.testConnection);
  const testDraft = useAction(api.private.dataSourceActions.testConfig);
  const platformAwsAccountId = useQuery(api.private.organizations.listMine)?.platformAwsAccountId ?? null;
  const [provider, setProvider] = useState<Provider | null>(initialProvider ?? null);
  const [target, setTarget] = useState<RedshiftTarget>("workgroup");
  const [credentials, setCredentials] = useState<RedshiftCredentials>("secret");
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);
  const [phase, setPhase] = useState<"idle" | "saving" | "testing">("idle");
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  // The config whose test failed: "Save anyway" saves exactly that one, and only while it is unchanged.
  const [failedDraft, setFailedDraft] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Record<string, boolean>>({});

  if (provider === null) {
    return (
      <div className="grid gap-3 sm:grid-cols-2" role="list" aria-label="Database providers">
        {PROVIDERS.map((spec) => (
          <button
            key={spec.id}
            type="button"
            role="listitem"
            data-testid={`provider-${spec.id}`}
            onClick={() => setProvider(spec.id)}
            className="grid gap-1 rounded-lg border p-4 text-left outline-none hover:border-foreground/30 hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <span className="font-medium">{spec.label}</span>
            <span className="text-sm text-muted-foreground">{spec.tagline}</span>
          </button>
        ))}
      </div>
    );
  }

  const spec = providerSpec(provider);
  const options = { target, credentials };
  const fields = spec.fields(options);
  const validate = (next: Record<string, string>) => {
    const parsed = spec
      .schema(options)
      .safeParse(
        Object.fromEntries(
          fields.map((f) => [f.name, (next[f.name] ?? "").trim() || (f.optional ? undefined : "")]),
        ),
      );
    const found: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
    }
    return found;
  };

  const config = () => toConfig(provider, values, fields);
  const draftKey = JSON.stringify({ provider, options, values });

  /** Saves the config, then tests the saved connection so that its status is recorded. */
  const saveAndRecord = async () => {
    setPhase("saving");
    await save({ organizationId, config: config() });
    setPhase("testing");
    const result = await test({ organizationId });
    if (result.kind === "connected") {
      toast.success(`Connected to ${result.database} in ${Math.round(result.latencyMs)} ms`);
    } else toast.warning("Saved; the database does not answer yet (see its status).");
    onDone();
  };
  const attempt = async (work: () => Promise<void>) => {
    setFailure(null);
    try {
      await work();
    } catch (error) {
      const info = errorInfo(error);
      setErrors(info.fields);
      setFailure(info);
    } finally {
      setPhase("idle");
      // Whatever happened, the secret is hidden again.
      setRevealed({});
    }
  };

  const submit = async () => {
    setSubmitted(true);
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setFailedDraft(null);
    await attempt(async () => {
      setPhase("testing");
      const result = await testDraft({ organizationId, config: config() });
      if (result.kind === "connected") return saveAndRecord();
      // Nothing saved: the one error is the database's, and saving it is the admin's explicit choice.
      setFailure({ ...result.error, fields: {} });
      setFailedDraft(draftKey);
    });
  };
  const saveAnyway = () => attempt(saveAndRecord);
  const canSaveAnyway = failedDraft === draftKey && phase === "idle";
  return (
    <Form className="grid max-w-xl gap-4" onSubmit={submit} data-testid="connect-form">
      <div className="flex items-center gap-2">
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={() => setProvider(null)}
          aria-label="Choose another provider"
        >
          <ArrowLeftIcon />
        </Button>
        <div>
          <p className="font-medium">{spec.label}</p>
          <p className="text-sm text-muted-foreground">{spec.tagline}</p>
        </div>
      </div>
      {provider === "redshift" && (
        <div className="flex flex-wrap gap-4">
          <ChoiceButtons
            label="Connect to"
            options={REDSHIFT_TARGETS}
            value={target}
            onChange={setTarget}
            testId="redshift-target"
          />
          {target === "cluster" && (
            <ChoiceButtons
              label="Credentials"
              options={REDSHIFT_CREDENTIALS}
              value={credentials}
              onChange={setCredentials}
              testId="redshift-credentials"
            />
          )}
        </div>
      )}
      {fields.map((field) => {
        const id = `field-${field.name}`;
        const common = {
          id,
          label: field.optional ? `${field.label} (optional)` : field.label,
          help: field.help,
          error: errors[field.name],
          name: field.name,
          value: values[field.name] ?? "",
          placeholder: field.placeholder,
          autoComplete: "off",
          spellCheck: false,
          className: "font-mono text-xs",
          onChange: (e: ChangeEvent<HTMLInputElement>) => {
            const next = { ...values, [field.name]: e.target.value };
            setValues(next);
            if (submitted) setErrors(validate(next));
          },
        };
        return field.secret ? (
          <SecretField
            key={field.name}
            {...common}
            revealed={revealed[field.name] === true}
            onRevealedChange={(shown) => setRevealed({ ...revealed, [field.name]: shown })}
          />
        ) : (
          <InputField key={field.name} {...common} />
        );
      })}
      {usesAwsRole(provider, target) && provider !== "neon" && provider !== "postgres" && (
        <TrustPolicyHelp
          platformAccountId={platformAwsAccountId}
          organizationId={organizationId}
          provider={provider}
        />
      )}
      {failure && (
        <ErrorPanel
          testId="connect-error"
          title={
            Object.keys(errors).length > 0
              ? "Check the highlighted fields"
              : canSaveAnyway
                ? "The test failed: nothing was saved"
                : "The connection did not work"
          }
          error={failure}
        >
          {canSaveAnyway && (
            <p>Correct the fields and test again, or save it anyway if the database is down on purpose.</p>
          )}
        </ErrorPanel>
      )}
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={phase !== "idle"} icon={PlugZapIcon} data-testid="connect-submit">
          {phase === "saving"
            ? "Saving…"
            : phase === "testing"
              ? "Testing connection…"
              : canSaveAnyway
                ? "Test again"
                : "Test and save"}
        </SubmitButton>
        {canSaveAnyway && (
          <Button
            type="button"
            variant="outline"
            onClick={() => void saveAnyway()}
            data-testid="connect-save-anyway"
          >
            <SaveIcon /> Save anyway
          </Button>
        )}
        {onCancel && (
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
      <p className="text-xs text-muted-foreground">
        The configuration is stored as a secret (AWS Secrets Manager, or encrypted in the backend) and never
        sent back to a browser; the dashboard only shows a masked summary.
      </p>
    </Form>
  );
}
