"use client";

import { api } from "@answerbase/backend/api";
import { useMutation } from "convex/react";
import { FlaskConicalIcon, PencilIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { toast } from "@answerbase/ui/sonner";
import { ConfirmButton } from "@/components/confirm-button";
import { PendingIcon } from "@/components/pending-icon";
import { errorInfo } from "@/lib/errors";
import { timeAgo } from "@/lib/format";
import { useOrganization } from "@/lib/organization";
import { GATES, type StoredAction } from "./action-definition";
import { TestAction } from "./test-action";
import { TestInsert } from "./test-insert";

/** One action: what it sends where, who approves it; test, edit or delete it. */
export function ActionItem({
  action,
  testing,
  onToggleTest,
  onEdit,
}: {
  action: StoredAction;
  testing: boolean;
  onToggleTest: () => void;
  onEdit: () => void;
}) {
  const { organizationId } = useOrganization();
  const remove = useMutation(api.private.agentActions.remove);
  const [removing, setRemoving] = useState(false);
  const gate = GATES.find((g) => g.kind === action.gate.kind)!;

  const confirmRemove = async () => {
    setRemoving(true);
    try {
      await remove({ organizationId, actionId: action._id });
      toast.success(`Action ${action.name} deleted.`);
    } catch (error) {
      toast.error(`Could not delete ${action.name}: ${errorInfo(error).message}`);
      setRemoving(false);
    }
  };

  return (
    <li className="grid gap-3 rounded-lg border p-4" data-testid="action-item" data-name={action.name}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid min-w-0 flex-1 gap-1.5">
          <p className="flex flex-wrap items-center gap-2 font-mono text-sm font-medium">
            {action.name}
            <Badge variant="outline">{action.kind}</Badge>
            <Badge
              variant={action.gate.kind === "none" ? "secondary" : "warning"}
              data-testid="action-gate-badge"
            >
              {gate.label}
              {action.gate.kind === "operator" && action.gate.autoApprove
                ? ` · auto when ${action.gate.autoApprove}`
                : ""}
            </Badge>
            {!action.enabled && <Badge variant="destructive">disabled</Badge>}
          </p>
          <p className="text-sm text-muted-foreground">{action.description}</p>
          {action.insert ? (
            <p className="truncate font-mono text-xs" data-testid="action-insert-target">
              INSERT INTO {action.insert.schema}.{action.insert.table} (
              {action.insert.columns.map((c) => c.column).join(", ")}) RETURNING{" "}
              {action.insert.returning.join(", ")}
            </p>
          ) : (
            <p className="truncate font-mono text-xs" title={action.urlTemplate}>
              {action.method} {action.urlTemplate}
            </p>
          )}
          <p className="text-xs text-muted-foreground">
            {action.kind === "db_insert" &&
              `Write credential ${action.writeCredentialSet ? "set" : "not set"} · `}
            {action.headers.length > 0 &&
              `Headers: ${action.headers.map((h) => (h.secret ? `${h.name} (secret${h.set ? ", set" : ", not set"})` : h.name)).join(", ")} · `}
            edited {timeAgo(action.updatedAt)}
          </p>
        </div>
        <div className="flex flex-wrap gap-1">
          <Button
            variant={testing ? "secondary" : "outline"}
            size="sm"
            aria-expanded={testing}
            onClick={onToggleTest}
            data-testid={`action-test-${action.name}`}
          >
            <FlaskConicalIcon /> Test action
          </Button>
          <Button variant="ghost" size="sm" onClick={onEdit} data-testid={`action-edit-${action.name}`}>
            <PencilIcon /> Edit
          </Button>
          <ConfirmButton
            variant="ghost"
            size="sm"
            disabled={removing}
            aria-label={`Delete ${action.name}`}
            data-testid={`action-delete-${action.name}`}
            question={`Delete ${action.name}?`}
            description="The agent loses this action at once. Runs already requested keep their record."
            confirmLabel="Delete"
            cancelLabel="Keep it"
            confirmTestId="action-delete-confirm"
            onConfirm={confirmRemove}
          >
            <PendingIcon pending={removing} icon={Trash2Icon} /> Delete
          </ConfirmButton>
        </div>
      </div>
      {testing &&
        (action.kind === "db_insert" ? <TestInsert action={action} /> : <TestAction action={action} />)}
    </li>
  );
}
