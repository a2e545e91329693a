import { XIcon } from "lucide-react";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { MAX_PARAMETERS } from "@answerbase/backend/shared/namedLookups";
import { AddButton } from "@/components/form";
import { PARAMETER_TYPES, sentence, type FieldErrors, type ParameterType } from "./lookup-definition";

/** A parameter row while editing; `key` keeps React's rows stable when one is removed. */
export interface ParameterDraft {
  key: number;
  name: string;
  type: ParameterType;
  description: string;
}

export const SELECT_CLASS =
  "h-9 rounded-md border border-input bg-background px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive";

/** The typed parameters: row i binds `$i+1`; each row's backend errors sit under that row. */
export function ParameterRows({
  parameters,
  errors,
  onChange,
  onAdd,
  onRemove,
}: {
  parameters: ParameterDraft[];
  errors: FieldErrors;
  onChange: (index: number, change: Partial<Omit<ParameterDraft, "key">>) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}) {
  return (
    <fieldset className="grid gap-2" data-testid="named-lookup-parameters">
      <legend className="mb-1.5 text-sm font-medium">Parameters</legend>
      {parameters.length === 0 && (
        <p className="text-xs text-muted-foreground">
          No parameters: the SQL takes no placeholder. Add one per value the agent fills in.
        </p>
      )}
      {parameters.map((parameter, i) => {
        const id = `named-lookup-param-${i}`;
        const nameError = errors[`parameters.${i}.name`];
        const descriptionError = errors[`parameters.${i}.description`];
        return (
          <div key={parameter.key} className="grid gap-1 rounded-md border p-2" data-testid={id}>
            <div className="grid items-center gap-2 sm:grid-cols-[3rem_minmax(0,1fr)_9rem_minmax(0,2fr)_auto]">
              <span className="font-mono text-sm text-muted-foreground" title={`Binds $${i + 1}`}>
                ${i + 1}
              </span>
              <Input
                value={parameter.name}
                aria-label={`Parameter $${i + 1} name`}
                aria-invalid={nameError ? true : undefined}
                placeholder="order_number"
                className="font-mono"
                onChange={(e) => onChange(i, { name: e.target.value })}
                data-testid={`${id}-name`}
              />
              <select
                value={parameter.type}
                aria-label={`Parameter $${i + 1} type`}
                className={SELECT_CLASS}
                onChange={(e) => onChange(i, { type: e.target.value as ParameterType })}
                data-testid={`${id}-type`}
              >
                {PARAMETER_TYPES.map((t) => (
                  <option key={t.type} value={t.type}>
                    {t.label}
                  </option>
                ))}
              </select>
              <Input
                value={parameter.description}
                aria-label={`Parameter $${i + 1} description`}
                aria-invalid={descriptionError ? true : undefined}
                placeholder="What to pass, e.g. the order number on the receipt"
                onChange={(e) => onChange(i, { description: e.target.value })}
                data-testid={`${id}-description`}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove parameter $${i + 1}`}
                onClick={() => onRemove(i)}
                data-testid={`${id}-remove`}
              >
                <XIcon />
              </Button>
            </div>
            {nameError && (
              <p className="text-sm text-destructive" data-testid={`${id}-name-error`}>
                {sentence("The parameter name", nameError)}
              </p>
            )}
            {descriptionError && (
              <p className="text-sm text-destructive" data-testid={`${id}-description-error`}>
                {sentence("The parameter description", descriptionError)}
              </p>
            )}
          </div>
        );
      })}
      {errors.parameters && (
        <p className="text-sm text-destructive" data-testid="named-lookup-parameters-error">
          {sentence("Use", errors.parameters)}
        </p>
      )}
      {parameters.length < MAX_PARAMETERS && (
        <AddButton onClick={onAdd} testId="named-lookup-param-add">
          Add a parameter
        </AddButton>
      )}
    </fieldset>
  );
}
