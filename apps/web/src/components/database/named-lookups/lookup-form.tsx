"use client";

import { api } from "@answerbase/backend/api";
import { DESCRIPTION_LENGTH } from "@answerbase/backend/shared/namedLookups";
import { useAction } from "convex/react";
import { SaveIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@answerbase/ui/button";
import { toast } from "@answerbase/ui/sonner";
import { ErrorPanel } from "@/components/error-panel";
import { InputField, TextareaField } from "@/components/field";
import { Form, SubmitButton } from "@/components/form";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import {
  localProblems,
  nameProblem,
  sentence,
  type FieldErrors,
  type LookupDefinition,
  type StoredLookup,
} from "./lookup-definition";
import { ParameterRows, type ParameterDraft } from "./parameter-rows";

/**
 * Creates or edits a named lookup. What was typed stays through every refusal: the backend's field
 * errors (`name`, `sql`, `parameters.0.name`, ...) land under their fields, anything else above Save.
 */
export function LookupForm({
  editing,
  initial,
  onDone,
  onCancel,
}: {
  /** The lookup being edited; absent for a new one. */
  editing?: StoredLookup;
  initial: LookupDefinition;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { organizationId } = useOrganization();
  const save = useAction(api.private.namedLookupActions.save);
  const nextKey = useRef(initial.parameters.length);
  const nameInput = useRef<HTMLInputElement>(null);
  // Opening the form (New lookup, Edit) moves the keyboard to its first field.
  useEffect(() => nameInput.current?.focus(), []);
  const [name, setName] = useState(initial.name);
  const [nameTouched, setNameTouched] = useState(false);
  const [description, setDescription] = useState(initial.description);
  const [sql, setSql] = useState(initial.sql);
  const [parameters, setParameters] = useState<ParameterDraft[]>(
    initial.parameters.map((p, key) => ({ key, ...p })),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [pending, setPending] = useState(false);

  const definition: LookupDefinition = {
    name: name.trim(),
    description: description.trim(),
    sql,
    parameters: parameters.map(({ name: n, type, description: d }) => ({
      name: n.trim(),
      type,
      description: d.trim(),
    })),
  };
  // The name is checked as it is typed (an empty one once left or saved); the rest on Save.
  const liveNameError = nameTouched || name !== "" ? (nameProblem(definition.name) ?? undefined) : undefined;
  const nameError = errors.name ?? liveNameError;

  const submit = async () => {
    setNameTouched(true);
    setFailure(null);
    const local = localProblems(definition);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setPending(true);
    try {
      await save({
        organizationId,
        ...(editing === undefined ? {} : { lookupId: editing.lookupId }),
        definition,
      });
      toast.success(
        editing === undefined
          ? `Named lookup ${definition.name} saved: the agent can use it now.`
          : `Named lookup ${definition.name} updated.`,
      );
      onDone();
    } catch (error) {
      const info = errorInfo(error);
      if (Object.keys(info.fields).length > 0) setErrors(info.fields);
      else setFailure(info);
    } finally {
      setPending(false);
    }
  };

  const changeParameter = (index: number, change: Partial<Omit<ParameterDraft, "key">>) =>
    setParameters((list) => list.map((p, i) => (i === index ? { ...p, ...change } : p)));
  // Row errors are by position: after a removal they would point at the wrong row.
  const dropParameterErrors = () =>
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([f]) => !f.startsWith("parameters"))));

  return (
    <Form
      className="grid gap-5 rounded-lg border bg-muted/30 p-4"
      onSubmit={submit}
      aria-label={editing ? `Edit ${editing.name}` : "New named lookup"}
      data-testid="named-lookup-form"
    >
      <p className="font-medium">{editing ? `Edit ${editing.name}` : "New named lookup"}</p>
      <InputField
        id="named-lookup-name"
        label="Name"
        error={nameError ? sentence("The name", nameError) : undefined}
        help="snake_case, unique in this organization; the agent's tool is called lookup_<name>."
        ref={nameInput}
        value={name}
        className="font-mono"
        placeholder="order_status"
        autoComplete="off"
        onChange={(e) => {
          setName(e.target.value);
          setErrors(({ name: _dropped, ...rest }) => rest);
        }}
        onBlur={() => setNameTouched(true)}
      />
      <TextareaField
        id="named-lookup-description"
        label="Description"
        error={errors.description ? sentence("The description", errors.description) : undefined}
        help={`What the agent reads to decide when to use it: the question it answers (${description.trim().length}/${DESCRIPTION_LENGTH.max}).`}
        rows={2}
        value={description}
        placeholder="The status and tracking number of one order, by the order number on the receipt."
        onChange={(e) => setDescription(e.target.value)}
      />
      <TextareaField
        id="named-lookup-sql"
        label="SQL"
        error={errors.sql ? sentence("The SQL", errors.sql) : undefined}
        help="One SELECT; $1, $2, … are the parameters below, in order. It runs scoped to the verified customer like any lookup."
        rows={4}
        value={sql}
        spellCheck={false}
        className="font-mono text-xs"
        placeholder="SELECT status, tracking_number FROM orders WHERE order_number = $1"
        onChange={(e) => setSql(e.target.value)}
      />
      <ParameterRows
        parameters={parameters}
        errors={errors}
        onChange={changeParameter}
        onAdd={() =>
          setParameters((list) => [
            ...list,
            { key: nextKey.current++, name: "", type: "text", description: "" },
          ])
        }
        onRemove={(index) => {
          setParameters((list) => list.filter((_, i) => i !== index));
          dropParameterErrors();
        }}
      />
      {failure && (
        <ErrorPanel title="The lookup was not saved" error={failure} testId="named-lookup-failure" />
      )}
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending} icon={SaveIcon} data-testid="named-lookup-save">
          {pending ? "Checking against the database…" : "Save"}
        </SubmitButton>
        <Button
          type="button"
          variant="outline"
          onClick={onCancel}
          disabled={pending}
          data-testid="named-lookup-cancel"
        >
          Cancel
        </Button>
      </div>
    </Form>
  );
}
