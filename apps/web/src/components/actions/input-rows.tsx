import { XIcon } from "lucide-react";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { AddButton } from "@/components/form";
import { SELECT_CLASS } from "@/components/database/named-lookups/parameter-rows";
import {
  INPUT_SOURCES,
  INPUT_TYPES,
  type FieldErrors,
  type InputDraft,
  type MappingDraft,
} from "./action-definition";

function RowError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="text-sm text-destructive" data-testid={id}>
      {message}
    </p>
  );
}

/** The typed inputs: who fills each (the model, the verified customer, the conversation) and whether it is redacted. */
export function InputRows({
  inputs,
  errors,
  onChange,
  onAdd,
  onRemove,
}: {
  inputs: InputDraft[];
  errors: FieldErrors;
  onChange: (index: number, change: Partial<Omit<InputDraft, "key">>) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}) {
  return (
    <fieldset className="grid gap-2" data-testid="action-inputs">
      <legend className="mb-1.5 text-sm font-medium">Inputs</legend>
      <p className="text-xs text-muted-foreground">
        The agent fills its inputs from the conversation, checked against their type before any request. The
        customer&apos;s and the conversation&apos;s are filled by Answerbase, never by the model; an action
        using the customer&apos;s e-mail or record runs only for a verified customer. A &ldquo;verified
        customer&apos;s record&rdquo; input is a column of their own row in a table with a customer policy
        (schema.table.column, e.g. public.customers.id), read through that policy. Redacted inputs show as
        [redacted] in the Approvals queue, the audit log and webhooks.
      </p>
      {inputs.map((input, i) => {
        const id = `action-input-${i}`;
        return (
          <div key={input.key} className="grid gap-1 rounded-md border p-2" data-testid={id}>
            <div className="grid items-center gap-2 lg:grid-cols-[minmax(0,1fr)_8rem_12rem_minmax(0,2fr)_auto_auto_auto]">
              <Input
                value={input.name}
                aria-label={`Input ${i + 1} name`}
                placeholder="amount"
                className="font-mono"
                onChange={(e) => onChange(i, { name: e.target.value })}
                data-testid={`${id}-name`}
              />
              <select
                value={input.type}
                disabled={input.source !== "model"}
                aria-label={`Input ${i + 1} type`}
                className={SELECT_CLASS}
                onChange={(e) => onChange(i, { type: e.target.value as InputDraft["type"] })}
                data-testid={`${id}-type`}
              >
                {INPUT_TYPES.map((t) => (
                  <option key={t.type} value={t.type}>
                    {t.label}
                  </option>
                ))}
              </select>
              <select
                value={input.source}
                aria-label={`Input ${i + 1} source`}
                className={SELECT_CLASS}
                onChange={(e) => onChange(i, { source: e.target.value as InputDraft["source"] })}
                data-testid={`${id}-source`}
              >
                {INPUT_SOURCES.map((s) => (
                  <option key={s.source} value={s.source}>
                    {s.label}
                  </option>
                ))}
              </select>
              {input.source === "customer.column" ? (
                <Input
                  value={input.column}
                  aria-label={`Input ${i + 1} customer column`}
                  placeholder="public.customers.id"
                  className="font-mono"
                  onChange={(e) => onChange(i, { column: e.target.value })}
                  data-testid={`${id}-column`}
                />
              ) : (
                <Input
                  value={input.source === "model" ? input.description : ""}
                  disabled={input.source !== "model"}
                  aria-label={`Input ${i + 1} description`}
                  placeholder={
                    input.source === "model"
                      ? "The refund amount in dollars, at most the order total"
                      : "Filled by Answerbase"
                  }
                  onChange={(e) => onChange(i, { description: e.target.value })}
                  data-testid={`${id}-description`}
                />
              )}
              <label className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={input.source !== "model" || input.required}
                  disabled={input.source !== "model"}
                  onChange={(e) => onChange(i, { required: e.target.checked })}
                  data-testid={`${id}-required`}
                />
                Required
              </label>
              <label className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={input.redact}
                  onChange={(e) => onChange(i, { redact: e.target.checked })}
                  data-testid={`${id}-redact`}
                />
                Redact
              </label>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove input ${i + 1}`}
                onClick={() => onRemove(i)}
                data-testid={`${id}-remove`}
              >
                <XIcon />
              </Button>
            </div>
            {input.source === "model" && Object.keys(input.constraints).length > 0 && (
              <p className="font-mono text-xs text-muted-foreground" data-testid={`${id}-constraints`}>
                Kept from the saved schema:{" "}
                {Object.entries(input.constraints)
                  .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
                  .join(", ")}
              </p>
            )}
          </div>
        );
      })}
      {/* The backend names these lists as wholes; each message names its input. */}
      <RowError id="action-inputs-error" message={errors.modelInputSchema} />
      <RowError id="action-context-inputs-error" message={errors.contextInputs} />
      <RowError id="action-redacted-error" message={errors.redactedInputs} />
      <AddButton onClick={onAdd} testId="action-input-add">
        Add an input
      </AddButton>
    </fieldset>
  );
}

/** Response mapping: JSON pointers into the target's answer → the named fields the model and sources panel see. */
export function MappingRows({
  mapping,
  errors,
  onChange,
  onAdd,
  onRemove,
}: {
  mapping: MappingDraft[];
  errors: FieldErrors;
  onChange: (index: number, change: Partial<Omit<MappingDraft, "key">>) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}) {
  return (
    <fieldset className="grid gap-2" data-testid="action-mapping">
      <legend className="mb-1.5 text-sm font-medium">Response mapping</legend>
      <p className="text-xs text-muted-foreground">
        Only these fields of the answer reach the agent and the sources panel, e.g.{" "}
        <code className="font-mono">refund_id ← /id</code>. Nothing mapped: the agent hears only whether it
        worked.
      </p>
      {mapping.map((row, i) => {
        const id = `action-mapping-${i}`;
        return (
          <div key={row.key} className="grid gap-1" data-testid={id}>
            <div className="grid items-center gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]">
              <Input
                value={row.name}
                aria-label={`Mapped field ${i + 1} name`}
                placeholder="refund_id"
                className="font-mono"
                onChange={(e) => onChange(i, { name: e.target.value })}
                data-testid={`${id}-name`}
              />
              <Input
                value={row.pointer}
                aria-label={`Mapped field ${i + 1} JSON pointer`}
                placeholder="/id"
                className="font-mono"
                onChange={(e) => onChange(i, { pointer: e.target.value })}
                data-testid={`${id}-pointer`}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove mapped field ${i + 1}`}
                onClick={() => onRemove(i)}
                data-testid={`${id}-remove`}
              >
                <XIcon />
              </Button>
            </div>
          </div>
        );
      })}
      <RowError id="action-mapping-error" message={errors.responseFields} />
      <AddButton onClick={onAdd} testId="action-mapping-add">
        Add a field
      </AddButton>
    </fieldset>
  );
}
