// The offline model's rules for agent actions: which action a message asks for, and which inputs it
// can read from the message (never invented: what is not there is left out for the schema to refuse).
import { describe, expect, it } from "vitest";
import { extractInputs, matchAction } from "../src/offline-language-model/actions.ts";

const refund = {
  toolName: "action_request_refund",
  inputSchema: {
    type: "object",
    properties: { order_id: { type: "string" }, amount: { type: "number" }, reason: { type: "string" } },
  },
};
const task = {
  toolName: "action_create_follow_up_task",
  inputSchema: { type: "object", properties: { title: { type: "string", maxLength: 20 } } },
};
const actions = [refund, task];

describe("matchAction", () => {
  it("picks the action a request names, and none for a question about it", () => {
    expect(matchAction("I'd like a refund of $80 for order 1042", actions)).toBe(refund);
    expect(matchAction("Please create a follow-up task to call me", actions)).toBe(task);
    expect(matchAction("What is your refund policy?", actions)).toBeNull();
    expect(matchAction("refund", actions)).toBeNull();
  });
});

describe("extractInputs", () => {
  it("reads the order number, then the amount from what is left, and the free text as written", () => {
    expect(extractInputs("I'd like a refund of $80 for order 1042", refund.inputSchema)).toEqual({
      order_id: "1042",
      amount: 80,
      reason: "I'd like a refund of $80 for order 1042",
    });
  });

  it("leaves out what the message does not say", () => {
    expect(extractInputs("please refund order #A-17", refund.inputSchema)).toEqual({
      order_id: "A-17",
      reason: "please refund order #A-17",
    });
    expect(extractInputs("Please create a follow-up task to call me back", task.inputSchema)).toEqual({
      title: "Please create a foll",
    });
  });
});
