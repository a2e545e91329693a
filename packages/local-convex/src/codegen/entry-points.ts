import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".jsx"];

/**
 * The function modules of a Convex folder, with the rules of convex 1.48's bundler `entryPoints`
 * (its module cannot be loaded outside the CLI bundle): JS/TS files, not in `_generated/`, not
 * dotfiles, not `schema.*`, at most one dot (so `*.config.ts` is skipped), no spaces, not nested
 * component folders, and TS files only if they import or export something.
 */
export function listEntryPoints(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!existsSync(path.join(full, "convex.config.ts"))) walk(full);
      } else if (entry.isFile() && isEntryPoint(path.relative(dir, full), entry.name)) {
        found.push(full);
      }
    }
  };
  walk(dir);
  return found.filter((file) => {
    if (!file.endsWith(".ts") && !file.endsWith(".tsx")) return true;
    return /^\s{0,100}(import|export)/m.test(readFileSync(file, "utf8"));
  });
}

function isEntryPoint(relPath: string, base: string): boolean {
  if (!EXTENSIONS.some((ext) => relPath.endsWith(ext))) return false;
  if (relPath.startsWith(`_generated${path.sep}`)) return false;
  if (base.startsWith(".") || base.startsWith("#")) return false;
  if (base === "schema.ts" || base === "schema.js") return false;
  if ((base.match(/\./g) ?? []).length > 1) return false;
  return !relPath.includes(" ");
}
