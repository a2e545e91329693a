/* Saved replies: the limits the backend enforces and the variables the composer fills in. */

export const SAVED_REPLY_LIMITS = { title: 80, text: 5_000 } as const;

/** The variables a saved reply may use, with what the composer puts in their place. */
export const SAVED_REPLY_VARIABLES = ["{{customer.name}}", "{{customer.email}}"] as const;

/** A saved reply's text with the customer's name and e-mail in place of its variables. */
export function fillSavedReply(text: string, customer: { name: string; email: string }): string {
  return text.replaceAll("{{customer.name}}", customer.name).replaceAll("{{customer.email}}", customer.email);
}
