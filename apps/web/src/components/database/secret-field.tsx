"use client";

import { EyeIcon, EyeOffIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { describedBy, Field } from "@/components/field";

const MASK = "••••••";

/**
 * A connection string with its password replaced by dots (the user-info password and any
 * `password=` parameter), so that host, port and database can be checked without showing the secret.
 */
export function maskConnectionString(value: string): string {
  return value
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)[^@/?#]*@/i, `$1${MASK}@`)
    .replace(/([?&]password=)[^&#]*/gi, `$1${MASK}`);
}

/**
 * An input for a value that holds a secret: hidden as a password field until "Show" is pressed
 * (the parent hides it again after each attempt), with the value's masked reading under it.
 */
export function SecretField({
  id,
  label,
  help,
  error,
  revealed,
  onRevealedChange,
  value,
  ...input
}: Omit<ComponentProps<typeof Input>, "id" | "type" | "value"> & {
  id: string;
  label: string;
  help: string;
  error: string | undefined;
  revealed: boolean;
  onRevealedChange: (revealed: boolean) => void;
  value: string;
}) {
  const masked = maskConnectionString(value);
  return (
    <Field
      id={id}
      label={label}
      error={error}
      help={
        <>
          {help}
          {value !== "" && masked !== value && (
            <span className="mt-1 block break-all font-mono" data-testid={`${id}-masked`}>
              {masked}
            </span>
          )}
        </>
      }
    >
      <div className="flex gap-2">
        <Input
          {...describedBy(id, error)}
          data-testid={id}
          type={revealed ? "text" : "password"}
          value={value}
          {...input}
        />
        <Button
          type="button"
          variant="outline"
          size="icon"
          aria-label={revealed ? `Hide the ${label.toLowerCase()}` : `Show the ${label.toLowerCase()}`}
          aria-pressed={revealed}
          aria-controls={id}
          onClick={() => onRevealedChange(!revealed)}
          data-testid={`${id}-reveal`}
        >
          {revealed ? <EyeOffIcon /> : <EyeIcon />}
        </Button>
      </div>
    </Field>
  );
}
