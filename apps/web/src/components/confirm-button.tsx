"use client";

import type { ReactNode } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@answerbase/ui/alert-dialog";
import { Button, type ButtonProps } from "@answerbase/ui/button";

/**
 * A button that asks first, for what cannot be undone from the dashboard (delete, disconnect,
 * remove someone, rotate a secret). The dialog says what is lost; its cancel button keeps things as
 * they are. Every other prop goes to the trigger button, whose children are its label.
 */
export function ConfirmButton({
  question,
  description,
  confirmLabel,
  cancelLabel = "Cancel",
  destructive = true,
  confirmTestId,
  onConfirm,
  ...trigger
}: Omit<ButtonProps, "onClick"> & {
  question: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** A red confirm button; false where nothing is lost (e.g. generating a first secret). */
  destructive?: boolean;
  confirmTestId?: string;
  onConfirm: () => unknown;
}) {
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button {...trigger} />
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{question}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{cancelLabel}</AlertDialogCancel>
          <AlertDialogAction
            destructive={destructive}
            onClick={() => void onConfirm()}
            data-testid={confirmTestId}
          >
            {confirmLabel}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
