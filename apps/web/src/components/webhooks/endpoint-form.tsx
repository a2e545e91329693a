"use client";

import { api } from "@answerbase/backend/api";
import {
  MAX_WEBHOOK_DESCRIPTION_LENGTH,
  WEBHOOK_EVENTS,
  type SubscribableEventType,
} from "@answerbase/backend/shared/webhooks";
import { useMutation } from "convex/react";
import { PlusIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@answerbase/ui/button";
import { Input } from "@answerbase/ui/input";
import { ErrorPanel } from "@/components/error-panel";
import { describedBy, Field } from "@/components/field";
import { PendingIcon } from "@/components/pending-icon";
import { errorInfo, type ErrorInfo } from "@/lib/errors";
import { useOrganization } from "@/lib/organization";

const EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as SubscribableEventType[];

/** Adds an endpoint; the backend answers with its secret, which the parent shows once. */
export function EndpointForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const { organizationId } = useOrganization();
  const create = useMutation(api.private.webhooks.create);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [eventTypes, setEventTypes] = useState<SubscribableEventType[]>(["conversation.escalated"]);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  const toggle = (type: SubscribableEventType, on: boolean) =>
    setEventTypes((current) => (on ? [...current, type] : current.filter((t) => t !== type)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    try {
      const { secret } = await create({ organizationId, url, description, eventTypes });
      setUrl("");
      setDescription("");
      onCreated(secret);
    } catch (error) {
      setFailure(errorInfo(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="grid gap-4" onSubmit={(e) => void submit(e)} data-testid="webhook-form">
      <Field
        id="webhook-url"
        label="Endpoint URL"
        error={failure?.fields.url}
        help="Where the POSTs go (https://…)."
      >
        <Input
          {...describedBy("webhook-url", failure?.fields.url)}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://example.com/webhooks/answerbase"
          data-testid="webhook-url"
        />
      </Field>
      <Field
        id="webhook-description"
        label="Description (optional)"
        error={failure?.fields.description}
        help="For you: what receives these events."
      >
        <Input
          {...describedBy("webhook-description", failure?.fields.description)}
          value={description}
          maxLength={MAX_WEBHOOK_DESCRIPTION_LENGTH}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="webhook-description"
        />
      </Field>
      <fieldset className="grid gap-2 sm:grid-cols-2" data-testid="webhook-events">
        <legend className="mb-2 text-sm font-medium">Events</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1"
              checked={eventTypes.includes(type)}
              onChange={(e) => toggle(type, e.target.checked)}
              data-testid={`webhook-event-${type}`}
            />
            <span>
              <code className="font-mono text-xs">{type}</code>
              <span className="block text-xs text-muted-foreground">{WEBHOOK_EVENTS[type]}</span>
            </span>
          </label>
        ))}
        {failure?.fields.eventTypes && (
          <p className="text-sm text-destructive sm:col-span-2" data-testid="webhook-events-error">
            {failure.fields.eventTypes}
          </p>
        )}
      </fieldset>
      {failure && Object.keys(failure.fields).length === 0 && (
        <ErrorPanel title="The endpoint was not added" error={failure} testId="webhook-form-error" />
      )}
      <div>
        <Button type="submit" disabled={pending} data-testid="webhook-add">
          <PendingIcon pending={pending} icon={PlusIcon} /> Add endpoint
        </Button>
      </div>
    </form>
  );
}
