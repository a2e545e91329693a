import { ConvexError } from "convex/values";

/** The backend's `{code, message}` from a ConvexError; anything else is a connection or server failure. */
export function errorInfo(error: unknown): { code: string; message: string } {
  if (error instanceof ConvexError) {
    const data = error.data as { code?: unknown; message?: unknown } | null;
    if (typeof data?.code === "string" && typeof data.message === "string")
      return { code: data.code, message: data.message };
  }
  return { code: "unavailable", message: "The chat service could not be reached. Please try again." };
}
