"use client";

import { api } from "@answerbase/backend/api";
import { useMutation } from "convex/react";
import { Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "@answerbase/ui/sonner";
import { ConfirmButton } from "@/components/confirm-button";
import { PendingIcon } from "@/components/pending-icon";
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
    <ConfirmButton
      variant="ghost"
      size="sm"
      disabled={pending}
      aria-label={`Delete ${lookup.name}`}
      data-testid={`named-lookup-delete-${lookup.name}`}
      question={`Delete ${lookup.name}?`}
      description={`The agent loses its lookup_${lookup.name} tool at once; conversations already answered keep their sources.`}
      confirmLabel="Delete"
      cancelLabel="Keep it"
      confirmTestId="named-lookup-delete-confirm"
      onConfirm={confirm}
    >
      <PendingIcon pending={pending} icon={Trash2Icon} /> Delete
    </ConfirmButton>
  );
}
