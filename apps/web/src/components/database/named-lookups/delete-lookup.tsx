"use client";

import { api } from "@answerbase/backend/api";
import { useMutation } from "convex/react";
import { Loader2Icon, Trash2Icon } from "lucide-react";
import { useState } from "react";
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
import { Button } from "@answerbase/ui/button";
import { toast } from "@answerbase/ui/sonner";
import { errorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import type { StoredLookup } from "./lookup-definition";

/** Delete, behind a confirmation that says what the agent loses. */
export function DeleteLookup({ lookup }: { lookup: StoredLookup }) {
  const { organizationId } = useOrganization();
  const remove = useMutation(api.private.namedLookups.remove);
  const [pending, setPending] = useState(false);

  const confirm = async () => {
    setPending(true);
    try {
      await remove({ organizationId, lookupId: lookup.lookupId });
      toast.success(`Named lookup ${lookup.name} deleted.`);
    } catch (error) {
      toast.error(`Could not delete ${lookup.name}: ${errorInfo(error).message}`);
      setPending(false);
    }
  };

  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          disabled={pending}
          aria-label={`Delete ${lookup.name}`}
          data-testid={`named-lookup-delete-${lookup.name}`}
        >
          {pending ? <Loader2Icon className="animate-spin" /> : <Trash2Icon />} Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {lookup.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            The agent loses its lookup_{lookup.name} tool at once; conversations already answered keep their
            sources.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Keep it</AlertDialogCancel>
          <AlertDialogAction
            destructive
            onClick={() => void confirm()}
            data-testid="named-lookup-delete-confirm"
          >
            Delete
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
