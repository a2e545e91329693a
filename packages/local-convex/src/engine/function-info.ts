export type FunctionKind = "query" | "mutation" | "action";

export interface FunctionInfo {
  kind: FunctionKind;
  visibility: "public" | "internal";
  udfPath: string;
}

interface RegisteredFlags {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
}

/** `messages.js:list` / `messages:list` / `messages` → module `messages`, export `list`/`default`. */
export function parseUdfPath(udfPath: string): { module: string; exportName: string; canonical: string } {
  const [rawModule = "", exportName = "default"] = udfPath.split(":");
  const module = rawModule.replace(/\.js$/, "");
  return { module, exportName, canonical: `${module}:${exportName}` };
}

/** Reads the registration flags Convex's `query()`/`internalMutation()`/... put on a function. */
export function describeExport(value: unknown, canonical: string): FunctionInfo | null {
  if (typeof value !== "function" && (typeof value !== "object" || value === null)) return null;
  const flags = value as RegisteredFlags;
  const kind: FunctionKind | null = flags.isQuery
    ? "query"
    : flags.isMutation
      ? "mutation"
      : flags.isAction
        ? "action"
        : null;
  if (kind === null) return null;
  return { kind, visibility: flags.isPublic ? "public" : "internal", udfPath: canonical };
}

export function notFoundMessage(udfPath: string): string {
  return `Could not find public function for '${parseUdfPath(udfPath).canonical}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`;
}

const KIND_NAMES: Record<FunctionKind, string> = { query: "Query", mutation: "Mutation", action: "Action" };

export function wrongKindMessage(udfPath: string, expected: FunctionKind, actual: FunctionKind): string {
  return `Trying to execute ${parseUdfPath(udfPath).canonical} as ${KIND_NAMES[expected]}, but it is defined as ${KIND_NAMES[actual]}.`;
}
