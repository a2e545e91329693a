import { ConvexError } from "convex/values";

/** A failure as the dashboard shows it: the backend's code and message, and the fields it names. */
export interface ErrorInfo {
  code: string;
  message: string;
  fields: Record<string, string>;
  retryable: boolean;
  /** The database's SQLSTATE, when a query failed there. */
  sqlState?: string;
  /** 1-based character of the query the database's error points at. */
  position?: number;
}

interface AppErrorData {
  code?: unknown;
  message?: unknown;
  retryable?: unknown;
  fields?: unknown;
  sqlState?: unknown;
  position?: unknown;
}

/** What to do next, for the codes a person can act on. */
const NEXT_STEP: Record<string, string> = {
  forbidden: "Ask an owner or admin of this organization to do this, or to change your role.",
  not_configured: "Connect a database on the Database page first.",
  network: "Check the host and port, and that the database accepts connections from the backend.",
  forbidden_network:
    "Use the database's public host name. localhost, 10.x, 172.16–31.x, 192.168.x and other private addresses are reachable only when the Answerbase operator allows private networks for this organization.",
  timeout: "The database did not answer in time; check that it is running, then try again.",
  auth: "Check the user name, password or secret ARN.",
  permission: "Grant the database user SELECT on this schema and table.",
  resuming: "The database is waking up (Aurora/Neon auto-pause); try again in a few seconds.",
  secret_missing: "The saved secret is gone; connect the database again.",
  unauthenticated: "Your session ended; sign in again.",
};

export function nextStep(code: string): string | null {
  return NEXT_STEP[code] ?? null;
}

/** Turns anything thrown by a Convex call into an ErrorInfo; never throws. */
export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof ConvexError) {
    const data = error.data as AppErrorData | string;
    if (typeof data === "string") return { code: "error", message: data, fields: {}, retryable: false };
    const fields: Record<string, string> = {};
    if (Array.isArray(data.fields)) {
      for (const entry of data.fields as { field?: unknown; message?: unknown }[]) {
        if (typeof entry.field === "string" && typeof entry.message === "string") {
          fields[entry.field] = entry.message;
        }
      }
    }
    return {
      code: typeof data.code === "string" ? data.code : "error",
      message: typeof data.message === "string" ? data.message : "Something went wrong.",
      fields,
      retryable: data.retryable === true,
      ...(typeof data.sqlState === "string" && { sqlState: data.sqlState }),
      ...(typeof data.position === "number" && { position: data.position }),
    };
  }
  const raw = error instanceof Error ? error.message : String(error);
  if (/connection lost|failed to fetch|networkerror/i.test(raw)) {
    return {
      code: "offline",
      message: "The backend could not be reached; check your connection and try again.",
      fields: {},
      retryable: true,
    };
  }
  // Plain server errors carry a request-id prefix and a stack; the first meaningful line is enough.
  const line =
    raw
      .split("\n")
      .map((l) => l.replace(/^\[.*?\]\s*/g, "").replace(/^Uncaught Error:\s*/, ""))
      .find((l) => l.trim() !== "" && !/^Server Error$/.test(l.trim())) ?? raw;
  return { code: "error", message: line.trim() || "Something went wrong.", fields: {}, retryable: false };
}

/** Sign-in failures of the password provider, in words a person can act on. */
export function authErrorMessage(error: unknown, flow: "signIn" | "signUp"): ErrorInfo {
  const info = errorInfo(error);
  if (info.code !== "error") return info;
  if (/InvalidAccountId|InvalidSecret|Invalid credentials/i.test(info.message)) {
    return { ...info, code: "invalid_credentials", message: "Wrong e-mail or password." };
  }
  if (/already exists/i.test(info.message)) {
    return {
      ...info,
      code: "account_exists",
      message: "An account with this e-mail already exists; sign in instead.",
    };
  }
  if (/TooManyFailedAttempts/i.test(info.message)) {
    return {
      ...info,
      code: "rate_limited",
      message: "Too many failed attempts on this account; try again later.",
    };
  }
  return {
    ...info,
    message: flow === "signIn" ? `Could not sign in: ${info.message}` : `Could not sign up: ${info.message}`,
  };
}
