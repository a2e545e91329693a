/* Conversation messages: `conversations/model.ts` refuses longer ones from a customer, an operator or the Playground. */

export const MAX_MESSAGE_CHARS = 10_000;
