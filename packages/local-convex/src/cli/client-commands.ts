import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { formatEntry, type LogEntry } from "../logs/log-stream.ts";

export interface Target {
  url: string;
  adminKey: string;
}

/** The running deployment: `--url` (default http://127.0.0.1:3210) and its admin key from the state folder. */
export function resolveTarget(
  url: string | undefined,
  adminKey: string | undefined,
  stateDir: string,
): Target {
  const keyFile = path.join(stateDir, "admin-key");
  const key =
    adminKey ??
    process.env.LOCAL_CONVEX_ADMIN_KEY ??
    (existsSync(keyFile) ? readFileSync(keyFile, "utf8").trim() : undefined);
  if (key === undefined) {
    throw new Error(
      `No admin key: pass --admin-key, set LOCAL_CONVEX_ADMIN_KEY, or point --state-dir at the server's state folder (looked in ${keyFile})`,
    );
  }
  return { url: (url ?? "http://127.0.0.1:3210").replace(/\/$/, ""), adminKey: key };
}

async function call(target: Target, pathname: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${target.url}${pathname}`, {
    ...init,
    headers: { authorization: `Convex ${target.adminKey}`, "content-type": "application/json" },
  });
  const body: unknown = await response.json();
  if (!response.ok && response.status !== 560) throw new Error(`${response.status}: ${JSON.stringify(body)}`);
  return body;
}

export async function envCommand(
  target: Target,
  action: string | undefined,
  name?: string,
  value?: string,
): Promise<string> {
  switch (action) {
    case "list": {
      const vars = (await call(target, "/api/local_convex/env")) as Record<string, string>;
      return Object.entries(vars)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n");
    }
    case "get": {
      const result = (await call(target, `/api/local_convex/env?name=${encodeURIComponent(name ?? "")}`)) as {
        value: string | null;
      };
      if (result.value === null) throw new Error(`Environment variable ${name} not found.`);
      return result.value;
    }
    case "set":
      if (name === undefined || value === undefined)
        throw new Error("usage: local-convex env set <name> <value>");
      await call(target, "/api/local_convex/env", { method: "POST", body: JSON.stringify({ name, value }) });
      return `Successfully set ${name}`;
    case "remove": {
      const { removed } = (await call(
        target,
        `/api/local_convex/env?name=${encodeURIComponent(name ?? "")}`,
        { method: "DELETE" },
      )) as { removed: boolean };
      return removed ? `Successfully unset ${name}` : `Environment variable ${name} was not set`;
    }
    default:
      throw new Error("usage: local-convex env list|get|set|remove");
  }
}

/**
 * Calls any public or internal function with the admin key (what `local-convex run` does) and returns
 * its value; a failed call throws with the function's error message. The call's console output goes
 * to `onLogLine`.
 */
export async function callFunction(
  target: Target,
  functionPath: string,
  args: unknown,
  onLogLine: (line: string) => void = () => undefined,
): Promise<unknown> {
  const body = (await call(target, "/api/function", {
    method: "POST",
    body: JSON.stringify({ path: functionPath, args, format: "convex_encoded_json" }),
  })) as { status: string; value?: unknown; errorMessage?: string; logLines?: string[] };
  for (const line of body.logLines ?? []) onLogLine(line);
  if (body.status !== "success") throw new Error(body.errorMessage ?? "function failed");
  return body.value;
}

/** Like `npx convex run`: any public or internal function, JSON args, prints the JSON result. */
export async function runCommand(target: Target, functionPath: string, argsJson = "{}"): Promise<string> {
  let args: unknown;
  try {
    args = JSON.parse(argsJson);
  } catch {
    throw new Error(`Arguments must be a JSON object, got: ${argsJson}`);
  }
  const value = await callFunction(target, functionPath, args, (line) => process.stderr.write(`${line}\n`));
  return JSON.stringify(value, null, 2);
}

/**
 * `run --watch` for a query: prints the result, then again whenever it changes, until `signal` aborts.
 * (`npx convex run --watch` subscribes; this polls the HTTP API every `intervalMs`, which is enough to
 * follow a job's progress from a terminal.)
 */
export async function watchCommand(
  target: Target,
  functionPath: string,
  argsJson: string,
  print: (text: string) => void,
  options: { signal?: AbortSignal; intervalMs?: number } = {},
): Promise<void> {
  let last: string | undefined;
  while (options.signal?.aborted !== true) {
    const text = await runCommand(target, functionPath, argsJson);
    if (text !== last) print(text);
    last = text;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}

/** Streams function calls and console output until interrupted. */
export async function logsCommand(
  target: Target,
  history: boolean,
  write: (line: string) => void,
): Promise<void> {
  const response = await fetch(`${target.url}/api/local_convex/logs?history=${history}`, {
    headers: { authorization: `Convex ${target.adminKey}` },
  });
  if (!response.ok || response.body === null) throw new Error(`logs: HTTP ${response.status}`);
  let buffered = "";
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += Buffer.from(chunk).toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) if (line) write(formatEntry(JSON.parse(line) as LogEntry));
  }
}
