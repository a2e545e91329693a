"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useAction, useMutation } from "convex/react";
import { SaveIcon } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@answerbase/ui/button";
import { toast } from "@answerbase/ui/sonner";
import { ChoiceButtons } from "@/components/choice-buttons";
import { ErrorPanel } from "@/components/error-panel";
import { InputField, TextareaField } from "@/components/field";
import { Form, SubmitButton } from "@/components/form";
import { SELECT_CLASS } from "@/components/database/named-lookups/parameter-rows";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import {
  METHODS,
  referenceProblem,
  toDefinition,
  type ActionDraft,
  type FieldErrors,
} from "./action-definition";
import { GateFields } from "./gate-fields";
import { HeaderRows } from "./header-rows";
import { InputRows, MappingRows } from "./input-rows";
import { InsertFields } from "./insert-fields";

/** Edits one list of the draft by position; `key`s keep React's rows stable across removals. */
function listEditor<K extends "headers" | "inputs" | "responseMapping">(
  key: K,
  setDraft: (update: (d: ActionDraft) => ActionDraft) => void,
  nextKey: { current: number },
  blank: Omit<ActionDraft[K][number], "key">,
) {
  type Row = ActionDraft[K][number];
  return {
    onChange: (index: number, change: Partial<Row>) =>
      setDraft((d) => ({
        ...d,
        [key]: (d[key] as Row[]).map((r, i) => (i === index ? { ...r, ...change } : r)),
      })),
    onAdd: () =>
      setDraft((d) => ({ ...d, [key]: [...(d[key] as Row[]), { ...blank, key: nextKey.current++ }] })),
    onRemove: (index: number) =>
      setDraft((d) => ({ ...d, [key]: (d[key] as Row[]).filter((_, i) => i !== index) })),
  };
}

/**
 * Creates or edits an action. What was typed stays through every refusal: the backend's field errors
 * (`urlTemplate`, `bodyTemplate`, `inputs.0.name`, `gate.autoApprove`, …) land under their fields.
 */
export function ActionForm({
  actionId,
  initial,
  onDone,
  onCancel,
}: {
  actionId?: Id<"agentActions">;
  initial: ActionDraft;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { organizationId } = useOrganization();
  const create = useMutation(api.private.agentActions.create);
  const update = useMutation(api.private.agentActions.update);
  // A database insert is saved by an action: its table is checked against the live catalog.
  const saveInsert = useAction(api.private.agentActionInserts.save);
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);
  const nextKey = useRef(1000);
  const set = (change: Partial<ActionDraft>) => setDraft((d) => ({ ...d, ...change }));

  // Template references are checked as they are typed; the backend says the same on Save.
  const insert = draft.kind === "db_insert";
  const urlProblem =
    errors.urlTemplate ?? (insert ? undefined : referenceProblem(draft.urlTemplate, draft.inputs));
  const bodyProblem =
    errors.bodyTemplate ?? (insert ? undefined : referenceProblem(draft.bodyTemplate, draft.inputs));

  const submit = async () => {
    setFailure(null);
    setErrors({});
    if (urlProblem || bodyProblem) return;
    setPending(true);
    try {
      const definition = toDefinition(draft);
      if (insert) await saveInsert({ organizationId, ...(actionId ? { actionId } : {}), ...definition });
      else if (actionId === undefined) await create({ organizationId, ...definition });
      else await update({ organizationId, actionId, ...definition });
      toast.success(`Action “${definition.name}” saved.`);
      onDone();
    } catch (error) {
      const info = errorInfo(error);
      if (Object.keys(info.fields).length > 0) setErrors(info.fields);
      else setFailure(info);
    } finally {
      setPending(false);
    }
  };

  return (
    <Form
      className="grid gap-5 rounded-lg border bg-muted/30 p-4"
      onSubmit={submit}
      aria-label={actionId ? `Edit ${initial.name}` : "New action"}
      data-testid="action-form"
    >
      <p className="font-medium">{actionId ? `Edit ${initial.name}` : "New action"}</p>
      <div className="grid gap-4 md:grid-cols-2">
        <InputField
          id="action-name"
          label="Name"
          error={errors.name}
          help="What the operator and the customer read, e.g. “Request a refund”."
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <ChoiceButtons
          label="Kind"
          options={[
            { value: "read", label: "Read" },
            { value: "write", label: "Write" },
            { value: "db_insert", label: "Database insert" },
          ]}
          value={draft.kind}
          onChange={(kind) => set({ kind })}
          hint={
            draft.kind === "read"
              ? "Reads data (a REST API as a data source): the lookup may call it beside the database, and it is retried on failure."
              : draft.kind === "write"
                ? "Changes something in your system: retried only with an Idempotency-Key header."
                : "Adds one row to one table of your connected database (e.g. a call outcome), through its own write credential; never retried."
          }
          testId="action-kind"
        />
      </div>
      <TextareaField
        id="action-description"
        label="Description for the model"
        error={errors.description}
        help="When the agent should use it and what it does; the model reads this to decide."
        rows={2}
        value={draft.description}
        onChange={(e) => set({ description: e.target.value })}
      />
      {!insert && (
        <>
          <div className="grid gap-4 sm:grid-cols-[8rem_minmax(0,1fr)]">
            <div className="grid gap-1.5">
              <label htmlFor="action-method" className="text-sm font-medium">
                Method
              </label>
              <select
                id="action-method"
                value={draft.method}
                className={SELECT_CLASS}
                onChange={(e) => set({ method: e.target.value as ActionDraft["method"] })}
                data-testid="action-method"
              >
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </div>
            <InputField
              id="action-url"
              label="URL template"
              error={urlProblem}
              help="Inputs as {{name}}, e.g. https://crm.example.com/customers/{{email}}/refunds. Private addresses need the operator's grant."
              value={draft.urlTemplate}
              className="font-mono"
              onChange={(e) => {
                set({ urlTemplate: e.target.value });
                setErrors(({ urlTemplate: _dropped, ...rest }) => rest);
              }}
            />
          </div>
          <HeaderRows
            headers={draft.headers}
            errors={errors}
            {...listEditor("headers", setDraft, nextKey, {
              name: "",
              secret: false,
              value: "",
              stored: false,
            })}
          />
          <TextareaField
            id="action-body"
            label="JSON body template"
            error={bodyProblem}
            help='Inputs as {{name}}, filled as JSON values, e.g. {"email": {{email}}, "amount": {{amount}}}. Empty for no body.'
            rows={4}
            value={draft.bodyTemplate}
            spellCheck={false}
            className="font-mono text-xs"
            onChange={(e) => {
              set({ bodyTemplate: e.target.value });
              setErrors(({ bodyTemplate: _dropped, ...rest }) => rest);
            }}
          />
        </>
      )}
      <InputRows
        inputs={draft.inputs}
        errors={errors}
        {...listEditor("inputs", setDraft, nextKey, {
          name: "",
          type: "string",
          description: "",
          source: "model",
          redact: false,
          required: true,
          constraints: {},
          column: "",
        })}
      />
      {insert ? (
        <InsertFields draft={draft} errors={errors} set={set} nextKey={nextKey} />
      ) : (
        <MappingRows
          mapping={draft.responseMapping}
          errors={errors}
          {...listEditor("responseMapping", setDraft, nextKey, { name: "", pointer: "" })}
        />
      )}
      <GateFields draft={draft} errors={errors} set={set} />
      {failure && <ErrorPanel title="The action was not saved" error={failure} testId="action-failure" />}
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending} icon={SaveIcon} data-testid="action-save">
          Save
        </SubmitButton>
        <Button
          type="button"
          variant="outline"
          onClick={onCancel}
          disabled={pending}
          data-testid="action-cancel"
        >
          Cancel
        </Button>
      </div>
    </Form>
  );
}
