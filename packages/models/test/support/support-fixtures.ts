import { tool } from "ai";
import {
  escalateInputSchema,
  lookupInputSchema,
  lookupResultSchema,
  resolveInputSchema,
  SUPPORT_TOOL_DESCRIPTIONS,
  type LookupResult,
} from "../../src/index.ts";

/** One order, as the backend's lookup returns it for "where is my order 1001". */
export const ONE_ORDER: LookupResult = {
  source: "database",
  rows: [
    {
      table: "public.orders",
      columns: ["order_number", "status", "tracking_number", "carrier", "delivered_at", "gift_wrap"],
      rows: [["1001", "shipped", "1Z999AA10123456784", "UPS", null, false]],
      truncated: false,
    },
  ],
};

/** Twelve orders of one customer: more than a table shows. */
export const TWELVE_ORDERS: LookupResult = {
  source: "database",
  rows: [
    {
      table: "orders",
      columns: ["order_number", "status", "total_amount", "coupon_code"],
      rows: Array.from({ length: 12 }, (_, i) => [
        `${2001 + i}`,
        i % 2 ? "delivered" : "processing",
        `${19 + i}.90`,
        null,
      ]),
      truncated: false,
    },
  ],
};

export const RETURNS_PASSAGE: LookupResult = {
  source: "knowledge_base",
  passages: [
    {
      title: "Returns and refunds",
      text: "You can return any item within 30 days of delivery. Refunds go to the original payment method within 5 business days.",
    },
    { title: "Shipping abroad", text: "We ship to 14 countries in Europe." },
    { title: "Gift cards", text: "Gift cards never expire." },
  ],
};

export const NOTHING: LookupResult = { source: "none", note: "sign in to see your orders" };

/**
 * The three support tools as the backend defines them (names, zod inputs, execute), answering with
 * fixed results and recording every call.
 */
export function supportTools(result: LookupResult | (() => never)) {
  const calls: { toolName: string; input: unknown }[] = [];
  const tools = {
    lookup: tool({
      description: SUPPORT_TOOL_DESCRIPTIONS.lookup,
      inputSchema: lookupInputSchema,
      execute: (input) => {
        calls.push({ toolName: "lookup", input });
        return Promise.resolve(typeof result === "function" ? result() : lookupResultSchema.parse(result));
      },
    }),
    escalate: tool({
      description: SUPPORT_TOOL_DESCRIPTIONS.escalate,
      inputSchema: escalateInputSchema,
      execute: (input) => {
        calls.push({ toolName: "escalate", input });
        return Promise.resolve({ status: "escalated" });
      },
    }),
    resolve: tool({
      description: SUPPORT_TOOL_DESCRIPTIONS.resolve,
      inputSchema: resolveInputSchema,
      execute: (input) => {
        calls.push({ toolName: "resolve", input });
        return Promise.resolve({ status: "resolved" });
      },
    }),
  };
  return { tools, calls };
}
