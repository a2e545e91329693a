import type { ReactNode } from "react";
import { Input } from "@answerbase/ui/input";
import { Label } from "@answerbase/ui/label";
import { Textarea } from "@answerbase/ui/textarea";

interface FieldProps {
  id: string;
  label: string;
  help?: ReactNode;
  error?: string | undefined;
}

/** A labelled control with its help text and, when invalid, the error right under it. */
export function Field({ id, label, help, error, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : help ? (
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          {help}
        </p>
      ) : null}
    </div>
  );
}

/** aria props tying an input to its Field's error or help text. */
export function describedBy(id: string, error: string | undefined, hasHelp = true) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hasHelp ? `${id}-help` : undefined,
  } as const;
}

/**
 * A Field around one control: `id` names the control, ties it to the error or help text, and is its
 * test id. The other props go to the control.
 */
function fieldAround<P extends { id?: string | undefined }>(Control: (props: P) => ReactNode) {
  return function ControlField({ id, label, help, error, ...control }: FieldProps & Omit<P, "id">) {
    const props = { ...describedBy(id, error, help !== undefined), "data-testid": id, ...control };
    return (
      <Field id={id} label={label} help={help} error={error}>
        <Control {...(props as unknown as P)} />
      </Field>
    );
  };
}

export const InputField = fieldAround(Input);
export const TextareaField = fieldAround(Textarea);
