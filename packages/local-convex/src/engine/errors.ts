import { randomBytes } from "node:crypto";
import { ConvexError, type Value } from "convex/values";

/** Error text and data as a deployment reports them to clients. */
export function describeError(error: unknown): { ok: false; errorMessage: string; errorData?: Value } {
  const requestId = randomBytes(8).toString("hex");
  if (error instanceof ConvexError) {
    const data = (error as ConvexError<Value>).data;
    return {
      ok: false,
      errorMessage: `[Request ID: ${requestId}] Server Error\nUncaught ConvexError: ${typeof data === "string" ? data : JSON.stringify(data)}`,
      errorData: data,
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  const isValidation = /validator|Validator|ArgumentValidationError/.test(e.message);
  const prefix =
    isValidation && !e.message.startsWith("ArgumentValidationError")
      ? "ArgumentValidationError: "
      : `Uncaught ${e.name}: `;
  return { ok: false, errorMessage: `[Request ID: ${requestId}] Server Error\n${prefix}${e.message}` };
}
