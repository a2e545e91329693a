import type { TableInfo } from "@answerbase/connectors";

/*
 * The name rules the access suggestions share: snake_case words of table and column names, the identity
 * column, staff-only hints. Names and comments only, never row values.
 */

const IDENTITY_COLUMN = /^(customer_|user_|contact_)?(e_?mail)(_address)?$/;
/*
 * Name hints, matched against whole words of the snake_case name (`staff_notes` → staff, notes), never
 * inside other words (`catalog` is not a log, `footnotes` not a note).
 */
const STAFF_ONLY_WORDS = new Set(
  [
    "note notes comment comments remark remarks internal private staff employee employees",
    "audit audits log logs admin admins administrator administrators fraud",
    "secret secrets token tokens password passwords credential credentials",
    "login logins otp mfa totp",
  ].flatMap((line) => line.split(" ")),
);

/** `StoreLocations` → `store_locations`, so name rules see one spelling. */
export function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

export const keyOf = (table: { schema: string; name: string }) => `${table.schema}.${table.name}`;

export const wordsOf = (name: string) => snake(name).split(/[^a-z0-9]+/);

/*
 * `sessions` is staff-only when it means sign-in sessions (`sessions`, `user_sessions`, `auth_sessions`),
 * not when it names something a customer books (`tutoring_sessions`, `therapy_sessions`).
 */
const SESSION_WORDS = new Set(["session", "sessions"]);
const SIGN_IN_SESSION_WORDS = new Set([
  "user",
  "users",
  "auth",
  "login",
  "web",
  "browser",
  "admin",
  "api",
  "access",
  "refresh",
]);

function signInSessionWord(words: string[]): string | undefined {
  const all = words.every((w) => SESSION_WORDS.has(w) || SIGN_IN_SESSION_WORDS.has(w));
  return all ? words.find((w) => SESSION_WORDS.has(w)) : undefined;
}

/** The first staff-only word of the table's name (or its schema's), e.g. `notes`, or undefined. */
export function staffOnlyHint(table: {
  schema: string;
  name: string;
}): { word: string; in: string } | undefined {
  for (const name of [table.name, table.schema]) {
    const words = wordsOf(name);
    const word = words.find((w) => STAFF_ONLY_WORDS.has(w)) ?? signInSessionWord(words);
    if (word !== undefined) return { word, in: name === table.name ? table.name : `schema ${name}` };
  }
  return undefined;
}

/** The column that holds a person's e-mail (`email`, `customer_email`, `e_mail_address`), if any. */
export function identityColumn(table: TableInfo): string | undefined {
  return table.columns.find((column) => IDENTITY_COLUMN.test(snake(column.name)))?.name;
}

/*
 * Columns no customer answer needs and nobody should read out of a chat: identity documents, tax and
 * insurance numbers, bank and card details, dates of birth, credentials. Matched on whole snake_case
 * words of the column name (`national_id`, `insurance_number`, `iban`, `date_of_birth`, `password_hash`).
 */
const SENSITIVE_COLUMN =
  /^(national_id(_number)?|ssn|social_security(_number)?|sin|nino|tax_id|tin|vat_id|passport(_number|_no)?|id_card(_number)?|drivers?_licen[cs]e(_number)?|insurance_(number|no|id)|health_insurance_\w+|policy_number|iban|bic|swift|bank_account(_number)?|account_number|routing_number|sort_code|card_number|pan|cvv|cvc|card_cvv|date_of_birth|birth_date|birthdate|dob|birthday|password|password_hash|passwd|pwd_hash|hashed_password|salt|api_key|secret|access_token|refresh_token|auth_token|reset_token|otp_secret|totp_secret|mfa_secret)$/;

/**
 * Names the whole-name list misses (`id_document_number`, `customer_passport_no`, `iban_masked`) and
 * comments that say what a column holds ("Passport number, for visa checks").
 */
const SENSITIVE_NAME_PARTS =
  /(^|_)(passport|ssn|iban|nino|dob|cvv|cvc|birth)(_|$)|(^|_)(national|identity|id)_(id|document|card|number|no)(_|$)|(^|_)document_(number|no)(_|$)|(^|_)(password|passwd)|(_|^)(secret|token)$/;
const SENSITIVE_COMMENT =
  /\b(passport|national insurance|social security|identity (card|document)|id (card|document)|date of birth|iban|bank account|card number)\b/i;
/**
 * A number another body issued to the person ("Unique Pupil Number from the child's school", "NHS number
 * issued by the GP"): an identity document in all but name, whatever the column is called.
 */
const ISSUED_IDENTIFIER_COMMENT =
  /\b(number|identifier|id)\b[^.]*\b(issued by|from (the|a|an|their|his|her) (\w+'s )?(school|government|state|council|insurer|hospital|gp|doctor|bank|authority|registry|ministry|agency))\b/i;

export function isSensitive(column: { name: string; comment: string | null }): boolean {
  const name = snake(column.name);
  return (
    SENSITIVE_COLUMN.test(name) ||
    SENSITIVE_NAME_PARTS.test(name) ||
    (column.comment !== null &&
      (SENSITIVE_COMMENT.test(column.comment) || ISSUED_IDENTIFIER_COMMENT.test(column.comment)))
  );
}
