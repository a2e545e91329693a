/* What the dashboard's API page shares with the backend: the scopes a key may hold, described. */

export const API_SCOPES = [
  "answers",
  "lookups",
  "conversations:read",
  "conversations:write",
  "customers:assert",
  "sql",
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  answers: "Ask the support agent a question as a customer (POST /v1/answers).",
  lookups: "Run the scoped lookup and list the tools (POST /v1/lookups, GET /v1/tools).",
  "conversations:read": "List and read conversations and their messages.",
  "conversations:write": "Post messages (as the customer or an operator), escalate and resolve.",
  "customers:assert": "Vouch for a customer's e-mail without the site's identity signature.",
  sql: "Admin: run read-only SQL over every table and ask in English (POST /v1/sql, POST /v1/ask).",
};

/** Names are for people: "n8n WhatsApp bridge", "voice agent (staging)". */
export const API_KEY_NAME_MAX = 80;
/** Expiry is chosen in days from creation; none means the key lives until revoked. */
export const API_KEY_MAX_DAYS = 730;
