/* Outbound webhooks: the events an endpoint can subscribe to, with what each means (webhooks/tables.ts
 * validates them; the dashboard's Webhooks page lists them). docs/webhooks.md has each payload. */

export const WEBHOOK_EVENTS = {
  "conversation.created": "A customer started a conversation in the widget.",
  "message.created": "A message was added to a conversation (customer, agent or operator).",
  "conversation.escalated": "A conversation was handed to a person.",
  "conversation.resolved": "A conversation was marked resolved.",
  "answer.recorded": "The agent answered: outcome, sources and timings.",
  "lookup.failed": "An answer's database lookup failed or timed out.",
  "ingestion.completed": "A knowledge ingestion of the database finished.",
  "ingestion.failed": "A knowledge ingestion of the database failed.",
  "data_source.failing": "The connected database stopped answering (a test or health check failed).",
  "approval.requested": "An agent action waits for an operator's approval.",
  "approval.decided":
    "An agent action was approved or rejected (by an operator, the customer or a rule), or expired.",
  "action.succeeded": "An agent action's request succeeded.",
  "action.failed": "An agent action's request failed (an error status, a timeout, a refused address).",
} as const;

export type SubscribableEventType = keyof typeof WEBHOOK_EVENTS;

/** Characters of a description the backend accepts. */
export const MAX_WEBHOOK_DESCRIPTION_LENGTH = 200;
