"use client";

import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import { useQuery } from "convex/react";
import { PlusIcon, ZapIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@answerbase/ui/button";
import { Skeleton } from "@answerbase/ui/skeleton";
import { EmptyState } from "@/components/empty-state";
import { useOrganization } from "@/lib/organization";
import { BLANK_DRAFT, draftFromStored } from "./action-definition";
import { ActionForm } from "./action-form";
import { ActionItem } from "./action-item";

type Editing = { kind: "closed" } | { kind: "new" } | { kind: "edit"; actionId: Id<"agentActions"> };

/** The organization's actions: the list, the editor (one at a time) and "Test action" per item. */
export function ActionsSection() {
  const { organizationId } = useOrganization();
  const actions = useQuery(api.private.agentActions.list, { organizationId });
  const [editing, setEditing] = useState<Editing>({ kind: "closed" });
  const [testing, setTesting] = useState<Id<"agentActions"> | null>(null);
  const close = () => setEditing({ kind: "closed" });

  return (
    <div className="grid gap-4" data-testid="actions">
      {editing.kind === "closed" && (
        <div>
          <Button onClick={() => setEditing({ kind: "new" })} data-testid="action-new">
            <PlusIcon /> New action
          </Button>
        </div>
      )}
      {editing.kind === "new" && <ActionForm initial={BLANK_DRAFT} onDone={close} onCancel={close} />}
      {actions === undefined ? (
        <Skeleton className="h-32 w-full" data-testid="actions-loading" />
      ) : actions.length === 0 ? (
        editing.kind === "closed" && (
          <EmptyState icon={ZapIcon} title="No actions yet" testId="actions-empty">
            An action is an HTTP request the agent may make for a customer: create a task in your CRM, request
            a refund, look up a record. You choose who fills each input and whether a customer or an operator
            has to approve it first.
          </EmptyState>
        )
      ) : (
        <ul className="grid gap-3" data-testid="action-list">
          {actions.map((action) =>
            editing.kind === "edit" && editing.actionId === action._id ? (
              <li key={action._id}>
                <ActionForm
                  actionId={action._id}
                  initial={draftFromStored(action)}
                  onDone={close}
                  onCancel={close}
                />
              </li>
            ) : (
              <ActionItem
                key={action._id}
                action={action}
                testing={testing === action._id}
                onToggleTest={() => setTesting((t) => (t === action._id ? null : action._id))}
                onEdit={() => {
                  setTesting(null);
                  setEditing({ kind: "edit", actionId: action._id });
                }}
              />
            ),
          )}
        </ul>
      )}
    </div>
  );
}
