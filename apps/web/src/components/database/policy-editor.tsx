"use client";

import { api } from "@answerbase/backend/api";
import { useMutation } from "convex/react";
import {
  ArrowRightIcon,
  GlobeIcon,
  LightbulbIcon,
  Loader2Icon,
  LockIcon,
  UserRoundIcon,
  XIcon,
} from "lucide-react";
import { useState } from "react";
import { Badge } from "@answerbase/ui/badge";
import { Button } from "@answerbase/ui/button";
import { Label } from "@answerbase/ui/label";
import { cn } from "@answerbase/ui/lib/utils";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@answerbase/ui/select";
import { toast } from "@answerbase/ui/sonner";
import { ErrorPanel } from "@/components/error-panel";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";
import { CustomerView } from "./customer-view";
import { HiddenColumnsField } from "./hidden-columns-field";
import type { TableSummary } from "./table-browser";

type Policy = TableSummary["policy"];
type Step = Extract<Policy, { kind: "customer" }>["ownerPath"][number];

const KINDS = [
  {
    kind: "public",
    label: "Public",
    icon: GlobeIcon,
    text: "Any visitor of the widget may see these rows: products, store hours.",
  },
  {
    kind: "customer",
    label: "Customer",
    icon: UserRoundIcon,
    text: "A verified customer sees only their own rows, found through a column path.",
  },
  {
    kind: "private",
    label: "Private",
    icon: LockIcon,
    text: "Never reachable from the widget or the knowledge base.",
  },
] as const;

export function PolicyBadge({ policy, compact = false }: { policy: Policy; compact?: boolean }) {
  const variant = policy.kind === "public" ? "success" : policy.kind === "customer" ? "warning" : "secondary";
  const spec = KINDS.find((k) => k.kind === policy.kind)!;
  const Icon = spec.icon;
  return (
    <Badge variant={variant} title={spec.text} data-testid="policy-badge" data-kind={policy.kind}>
      <Icon />
      {!compact && spec.label}
    </Badge>
  );
}

/** One line for a policy: "Customer: customer_id → customers.id, email; hidden: birth_date". */
export function describePolicy(policy: Policy): string {
  const hidden = policy.kind === "private" ? [] : (policy.hiddenColumns ?? []);
  const hiding = hidden.length > 0 ? `; hidden: ${hidden.join(", ")}` : "";
  if (policy.kind !== "customer") return `${KINDS.find((k) => k.kind === policy.kind)!.label}${hiding}`;
  const path = policy.ownerPath.map((s) => `${s.column} → ${s.references.table}.${s.references.column}`);
  return `Customer: ${[...path, policy.ownerColumn].join(", ")}${hiding}`;
}

/** The policy of one table: the suggestion with its reason, the three kinds, and the owner path for customer rows. */
export function PolicyEditor({
  table,
  tables,
  current,
  canEdit,
}: {
  table: TableSummary;
  tables: TableSummary[];
  current: { policy: Policy; saved: boolean };
  canEdit: boolean;
}) {
  const { organizationId } = useOrganization();
  const setPolicy = useMutation(api.private.dataSources.setPolicy);
  const [draft, setDraft] = useState<Policy>(current.policy);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const find = (schema: string, name: string) => tables.find((t) => t.schema === schema && t.name === name);

  // The table at the end of the owner path, whose column identifies the customer.
  const path: Step[] = draft.kind === "customer" ? draft.ownerPath : [];
  const last = path.at(-1);
  const endTable = last ? find(last.references.schema, last.references.table) : table;
  const nextSteps = (endTable?.foreignKeys ?? []).filter(
    (k) => k.columns.length === 1 && k.references.columns.length === 1,
  );

  const choose = (kind: Policy["kind"]) => {
    if (kind === draft.kind) return;
    const suggested = table.suggestion.policy;
    // Sensitive columns the suggestion hides stay hidden whichever shared kind is chosen.
    const hiddenColumns = suggested.kind === "private" ? undefined : suggested.hiddenColumns;
    const hiding = hiddenColumns === undefined ? {} : { hiddenColumns };
    if (kind === "customer") {
      setDraft(
        suggested.kind === "customer"
          ? suggested
          : { kind: "customer", ownerPath: [], ownerColumn: "", ...hiding },
      );
    } else setDraft(kind === "public" ? { kind, ...hiding } : { kind });
  };
  const save = async () => {
    if (draft.kind === "customer" && draft.ownerColumn === "") {
      setFailure({
        code: "invalid_input",
        message: "Choose the column that identifies the customer (an e-mail or id).",
        fields: {},
        retryable: false,
      });
      return;
    }
    setPending(true);
    setFailure(null);
    try {
      await setPolicy({ organizationId, schema: table.schema, table: table.name, policy: draft });
      toast.success(`${table.schema}.${table.name} is now ${draft.kind}`);
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  const changed = JSON.stringify(draft) !== JSON.stringify(current.policy) || !current.saved;
  return (
    <div className="grid max-w-3xl gap-4" data-testid="policy-editor">
      {/* Once a policy is saved the admin has decided: the suggestion is no longer news. */}
      {!current.saved && (
        <div
          className="flex items-start gap-3 rounded-lg border bg-muted/40 p-3 text-sm"
          data-testid="policy-suggestion"
        >
          <LightbulbIcon className="mt-0.5 size-4 shrink-0 text-warning" />
          <div className="grid flex-1 gap-1">
            <p>
              Suggested: <span className="font-medium">{describePolicy(table.suggestion.policy)}</span>
            </p>
            <p className="text-muted-foreground">{table.suggestion.reason}</p>
          </div>
          {canEdit && (
            <Button
              size="sm"
              variant="outline"
              onClick={() => setDraft(table.suggestion.policy)}
              data-testid="use-suggestion"
            >
              Use suggestion
            </Button>
          )}
        </div>
      )}
      <div role="radiogroup" aria-label="Who may see this table" className="grid gap-2 sm:grid-cols-3">
        {KINDS.map(({ kind, label, icon: Icon, text }) => (
          <button
            key={kind}
            type="button"
            role="radio"
            aria-checked={draft.kind === kind}
            disabled={!canEdit}
            data-testid={`policy-${kind}`}
            onClick={() => choose(kind)}
            className={cn(
              "grid gap-1 rounded-lg border p-3 text-left text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed",
              draft.kind === kind ? "border-primary ring-1 ring-primary" : "hover:bg-accent",
            )}
          >
            <span className="flex items-center gap-2 font-medium">
              <Icon className="size-4" /> {label}
            </span>
            <span className="text-muted-foreground">{text}</span>
          </button>
        ))}
      </div>
      {draft.kind === "customer" && (
        <div className="grid gap-3 rounded-lg border p-3">
          <Label>Owner path: from {table.name} to the column that identifies the customer</Label>
          <div className="flex flex-wrap items-center gap-2 font-mono text-sm" data-testid="owner-path">
            <Badge variant="outline">{table.name}</Badge>
            {path.map((step, i) => (
              <span key={i} className="flex items-center gap-2">
                <ArrowRightIcon className="size-3 text-muted-foreground" />
                <Badge variant="outline">
                  {step.column} → {step.references.table}.{step.references.column}
                </Badge>
              </span>
            ))}
            {canEdit && path.length > 0 && (
              <Button
                size="sm"
                variant="ghost"
                aria-label="Remove the last step"
                onClick={() => setDraft({ ...draft, ownerPath: path.slice(0, -1), ownerColumn: "" })}
              >
                <XIcon />
              </Button>
            )}
          </div>
          {canEdit && nextSteps.length > 0 && (
            <div className="grid gap-1.5 sm:max-w-sm">
              <Label>Follow a foreign key of {endTable?.name}</Label>
              <Select
                value=""
                onValueChange={(value) => {
                  const key = nextSteps.find((k) => k.name === value);
                  if (!key) return;
                  const step: Step = {
                    column: key.columns[0]!,
                    references: {
                      schema: key.references.schema,
                      table: key.references.name,
                      column: key.references.columns[0]!,
                    },
                  };
                  setDraft({ ...draft, ownerPath: [...path, step], ownerColumn: "" });
                }}
              >
                <SelectTrigger aria-label="Add a step">
                  <SelectValue placeholder="Add a step…" />
                </SelectTrigger>
                <SelectContent>
                  {nextSteps.map((k) => (
                    <SelectItem key={k.name} value={k.name}>
                      {k.columns[0]} → {k.references.name}.{k.references.columns[0]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          )}
          <div className="grid gap-1.5 sm:max-w-sm">
            <Label htmlFor="owner-column">Customer column in {endTable?.name ?? "the last table"}</Label>
            <Select
              value={draft.ownerColumn}
              disabled={!canEdit}
              onValueChange={(ownerColumn) => setDraft({ ...draft, ownerColumn })}
            >
              <SelectTrigger
                id="owner-column"
                aria-invalid={draft.ownerColumn === "" ? true : undefined}
                data-testid="owner-column"
              >
                <SelectValue placeholder="Choose a column (e-mail or id)" />
              </SelectTrigger>
              <SelectContent>
                {(endTable?.columns ?? []).map((c) => (
                  <SelectItem key={c.name} value={c.name}>
                    {c.name} <span className="text-muted-foreground">{c.nativeType}</span>
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <p className="text-xs text-muted-foreground">
              Matched against the verified contact's e-mail or id.
            </p>
          </div>
        </div>
      )}
      {draft.kind !== "private" && (
        <HiddenColumnsField table={table} policy={draft} canEdit={canEdit} onChange={setDraft} />
      )}
      {canEdit && <CustomerView table={table} policy={draft} />}
      {failure && <ErrorPanel title="The policy was not saved" error={failure} testId="policy-error" />}
      {canEdit ? (
        <div className="flex items-center gap-3">
          <Button onClick={() => void save()} disabled={pending || !changed} data-testid="save-policy">
            {pending && <Loader2Icon className="animate-spin" />}
            Save policy
          </Button>
          <span className="text-sm text-muted-foreground">
            {current.saved
              ? `Saved: ${describePolicy(current.policy)}`
              : "Not saved yet: the table is private."}
          </span>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">Only admins and owners change access policies.</p>
      )}
    </div>
  );
}
