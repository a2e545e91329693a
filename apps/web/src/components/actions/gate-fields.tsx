import { ChoiceButtons } from "@/components/choice-buttons";
import { InputField } from "@/components/field";
import { GATES, PRIORITIES, type ActionDraft, type FieldErrors } from "./action-definition";

/**
 * Who must agree before the action runs (nobody, the customer, an operator unless the rule holds), how
 * long a request waits, and how the request itself behaves (timeout, idempotency key, enabled).
 */
export function GateFields({
  draft,
  errors,
  set,
}: {
  draft: ActionDraft;
  errors: FieldErrors;
  set: (change: Partial<ActionDraft>) => void;
}) {
  return (
    <>
      <ChoiceButtons
        label="Approval gate"
        options={GATES.map((g) => ({ value: g.kind, label: g.label }))}
        value={draft.gate}
        onChange={(gate) => set({ gate })}
        hint={GATES.find((g) => g.kind === draft.gate)?.hint}
        testId="action-gate"
      />
      {errors.gate && draft.gate !== "operator" && (
        <p className="text-sm text-destructive" data-testid="action-gate-error">
          {errors.gate}
        </p>
      )}
      {draft.gate === "operator" && (
        <InputField
          id="action-auto-approve"
          label="Auto-approve when (optional)"
          error={errors.gate}
          help="A rule on the inputs, evaluated the same way every time, e.g. amount <= 50 && customer.verified. Empty: every request waits for an operator."
          value={draft.autoApprove}
          className="font-mono"
          onChange={(e) => set({ autoApprove: e.target.value })}
        />
      )}
      <div className="grid gap-4 md:grid-cols-3">
        {draft.gate !== "none" && (
          <InputField
            id="action-expiry"
            label="Expires after (minutes)"
            error={errors.expiresAfterMinutes}
            help="An undecided request expires then; the agent tells the customer."
            type="number"
            min={1}
            value={draft.expiresAfterMinutes}
            onChange={(e) => set({ expiresAfterMinutes: e.target.value })}
          />
        )}
        {draft.gate === "operator" && (
          <ChoiceButtons
            label="Priority in the queue"
            options={PRIORITIES.map((p) => ({ value: p, label: p[0]!.toUpperCase() + p.slice(1) }))}
            value={draft.priority}
            onChange={(priority) => set({ priority })}
            testId="action-priority"
          />
        )}
        <InputField
          id="action-timeout"
          label="Timeout (ms)"
          error={errors.timeoutMs}
          help="The request is abandoned after this (at most 30 000)."
          type="number"
          min={100}
          value={draft.timeoutMs}
          onChange={(e) => set({ timeoutMs: e.target.value })}
        />
      </div>
      {draft.kind === "write" && (
        <InputField
          id="action-idempotency"
          label="Idempotency key header (optional)"
          error={errors.idempotencyKeyHeader}
          help="Carries the run's id so your system can drop a repeat; a write is retried only when it is set."
          value={draft.idempotencyKeyHeader}
          className="font-mono"
          placeholder="Idempotency-Key"
          onChange={(e) => set({ idempotencyKeyHeader: e.target.value })}
        />
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
          data-testid="action-enabled"
        />
        Enabled: the agent may use it
      </label>
    </>
  );
}
