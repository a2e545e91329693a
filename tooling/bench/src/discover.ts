import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchSuite } from "./suite.ts";

export interface FoundSuite {
  file: string;
  suite: BenchSuite;
}

/** Every `bench/*.bench.ts` in `apps/*` and `packages/*`, imported. */
export async function discoverSuites(repoRoot: string): Promise<FoundSuite[]> {
  const found: FoundSuite[] = [];
  for (const area of ["apps", "packages", "tooling"]) {
    const packages = await readdir(join(repoRoot, area)).catch(() => [] as string[]);
    for (const pkg of packages.sort()) {
      const benchDir = join(repoRoot, area, pkg, "bench");
      const files = await readdir(benchDir).catch(() => [] as string[]);
      for (const file of files.filter((f) => f.endsWith(".bench.ts")).sort()) {
        const path = join(benchDir, file);
        const module = (await import(pathToFileURL(path).href)) as { default?: BenchSuite };
        if (!module.default?.name)
          throw new Error(`${relative(repoRoot, path)} must default-export defineSuite({...})`);
        found.push({ file: relative(repoRoot, path), suite: module.default });
      }
    }
  }
  const names = found.map((f) => f.suite.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`two benchmark suites are named "${duplicate}"`);
  return found;
}
