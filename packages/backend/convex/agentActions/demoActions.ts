import type { ActionDefinitionInput } from "./tables";

/**
 * The demo organization's actions against the local demo CRM (packages/local-cloud/src/crm): a refund
 * an operator approves (auto-approved up to 50 for a verified customer), a follow-up task the customer
 * confirms, and a CRM look-up the agent may run beside the database. `pnpm dev` seeds them once.
 */
export function demoActionDefinitions(crmUrl: string): ActionDefinitionInput[] {
  const base = crmUrl.replace(/\/+$/, "");
  const auth = [{ name: "Authorization", secret: true }];
  return [
    {
      name: "request_refund",
      description:
        "Request a refund of an order for the signed-in customer. Needs the order number and the amount; an operator approves it (small refunds are approved at once).",
      kind: "write",
      method: "POST",
      urlTemplate: `${base}/refunds`,
      bodyTemplate:
        '{"email": {{customer_email}}, "order_id": {{order_id}}, "amount": {{amount}}, "reason": {{reason}}}',
      headers: auth,
      modelInputSchema: JSON.stringify({
        type: "object",
        properties: {
          order_id: {
            type: "string",
            description: "The order number, e.g. 1042",
            minLength: 1,
            maxLength: 40,
          },
          amount: { type: "number", description: "The amount to refund", exclusiveMinimum: 0, maximum: 1000 },
          reason: { type: "string", description: "Why, in the customer's words", maxLength: 500 },
        },
        required: ["order_id", "amount"],
      }),
      contextInputs: [{ name: "customer_email", from: "customer.email" }],
      redactedInputs: [],
      responseFields: [
        { field: "refund_id", pointer: "/id" },
        { field: "status", pointer: "/status" },
        { field: "amount", pointer: "/amount" },
      ],
      gate: { kind: "operator", autoApprove: "amount <= 50 && customer.verified" },
      priority: "normal",
      expiresAfterMinutes: 60,
      idempotencyKeyHeader: "Idempotency-Key",
      timeoutMs: 5_000,
      enabled: true,
    },
    {
      name: "create_follow_up_task",
      description:
        "Create a follow-up task in the CRM for the support team to contact the signed-in customer, when they ask to be called back or followed up.",
      kind: "write",
      method: "POST",
      urlTemplate: `${base}/tasks`,
      bodyTemplate:
        '{"email": {{customer_email}}, "title": {{title}}, "note": {{note}}, "conversation_link": {{conversation_link}}}',
      headers: auth,
      modelInputSchema: JSON.stringify({
        type: "object",
        properties: {
          title: {
            type: "string",
            description: "What to follow up on, in a few words",
            minLength: 1,
            maxLength: 200,
          },
          note: { type: "string", description: "Details for the team", maxLength: 2000 },
        },
        required: ["title"],
      }),
      contextInputs: [
        { name: "customer_email", from: "customer.email" },
        { name: "conversation_link", from: "conversation.link" },
      ],
      redactedInputs: ["conversation_link"],
      responseFields: [{ field: "task_id", pointer: "/id" }],
      gate: { kind: "customer" },
      priority: "normal",
      expiresAfterMinutes: 30,
      idempotencyKeyHeader: "Idempotency-Key",
      timeoutMs: 5_000,
      enabled: true,
    },
    {
      name: "look_up_crm_record",
      description: "Look up the signed-in customer's CRM record: plan, account manager and lifetime value.",
      kind: "read",
      method: "GET",
      urlTemplate: `${base}/customers/{{customer_email}}`,
      headers: auth,
      modelInputSchema: JSON.stringify({ type: "object", properties: {} }),
      contextInputs: [{ name: "customer_email", from: "customer.email" }],
      redactedInputs: [],
      responseFields: [
        { field: "name", pointer: "/customer/name" },
        { field: "plan", pointer: "/customer/plan" },
        { field: "account_manager", pointer: "/customer/accountManager" },
      ],
      gate: { kind: "none" },
      priority: "normal",
      expiresAfterMinutes: 5,
      timeoutMs: 3_000,
      enabled: true,
    },
  ];
}
