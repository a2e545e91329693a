import { PlusIcon, type LucideIcon } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { Button } from "@answerbase/ui/button";
import { PendingIcon } from "@/components/pending-icon";

/**
 * A form the page checks itself (`noValidate`: the browser's own bubbles would say less than our
 * messages), and whose submit never reloads the page: `onSubmit` runs after `preventDefault`.
 */
export function Form({
  onSubmit,
  ...props
}: Omit<ComponentProps<"form">, "onSubmit" | "noValidate"> & { onSubmit: () => unknown }) {
  return (
    <form
      {...props}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    />
  );
}

/** The form's submit button: disabled while the work runs, its icon a spinner meanwhile. */
export function SubmitButton({
  pending,
  icon,
  children,
  ...props
}: Omit<ComponentProps<typeof Button>, "type" | "disabled"> & { pending: boolean; icon?: LucideIcon }) {
  return (
    <Button type="submit" disabled={pending} {...props}>
      <PendingIcon pending={pending} icon={icon} /> {children}
    </Button>
  );
}

/** "Add a …" under a list the user grows row by row (suggestions, parameters). */
export function AddButton({
  onClick,
  testId,
  children,
}: {
  onClick: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div>
      <Button type="button" variant="outline" size="sm" onClick={onClick} data-testid={testId}>
        <PlusIcon /> {children}
      </Button>
    </div>
  );
}
