import { XIcon } from "lucide-react";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { AddButton } from "@/components/form";
import type { FieldErrors, HeaderDraft } from "./action-definition";

/**
 * The request headers. A secret value is write-only: once saved the dashboard shows "set" and an
 * empty box that replaces it when typed into; the stored value never comes back to the browser.
 */
export function HeaderRows({
  headers,
  errors,
  onChange,
  onAdd,
  onRemove,
}: {
  headers: HeaderDraft[];
  errors: FieldErrors;
  onChange: (index: number, change: Partial<Omit<HeaderDraft, "key">>) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}) {
  return (
    <fieldset className="grid gap-2" data-testid="action-headers">
      <legend className="mb-1.5 text-sm font-medium">Headers</legend>
      {headers.map((header, i) => {
        const id = `action-header-${i}`;
        return (
          <div key={header.key} className="grid gap-1" data-testid={id}>
            <div className="grid items-center gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto_auto]">
              <Input
                value={header.name}
                aria-label={`Header ${i + 1} name`}
                placeholder="Authorization"
                className="font-mono"
                onChange={(e) => onChange(i, { name: e.target.value })}
                data-testid={`${id}-name`}
              />
              <Input
                value={header.value}
                type={header.secret ? "password" : "text"}
                autoComplete="off"
                aria-label={`Header ${i + 1} value`}
                placeholder={
                  header.stored
                    ? "Set — type to replace it"
                    : header.secret
                      ? "Bearer sk_live_…"
                      : "application/json"
                }
                className="font-mono"
                onChange={(e) => onChange(i, { value: e.target.value })}
                data-testid={`${id}-value`}
              />
              <label className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={header.secret}
                  onChange={(e) => onChange(i, { secret: e.target.checked, stored: false })}
                  data-testid={`${id}-secret`}
                />
                Secret
                {header.stored && (
                  <span
                    className="rounded bg-muted px-1.5 text-xs text-muted-foreground"
                    data-testid={`${id}-set`}
                  >
                    set
                  </span>
                )}
              </label>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove header ${i + 1}`}
                onClick={() => onRemove(i)}
                data-testid={`${id}-remove`}
              >
                <XIcon />
              </Button>
            </div>
          </div>
        );
      })}
      {errors.headers && (
        <p className="text-sm text-destructive" data-testid="action-headers-error">
          {errors.headers}
        </p>
      )}
      <p className="text-xs text-muted-foreground">
        Secret values are sealed like database passwords: never shown again, never in logs, masked in “Test
        action”. Templates may use inputs in values, e.g.{" "}
        <code className="font-mono">X-Conversation: {"{{conversation_id}}"}</code>.
      </p>
      <AddButton onClick={onAdd} testId="action-header-add">
        Add a header
      </AddButton>
    </fieldset>
  );
}
