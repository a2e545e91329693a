/**
 * Bundles src/loader.ts into dist/widget.js: one minified IIFE, no imports, for any page. The Convex URL
 * stays a placeholder the widget server fills in, unless ANSWERBASE_CONVEX_URL is set (a CDN build).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const convexUrl = process.env.ANSWERBASE_CONVEX_URL?.trim();

const { outputFiles } = await build({
  entryPoints: [here("./src/loader.ts")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  logLevel: "warning",
  write: false,
});
const code = outputFiles[0]?.text ?? "";
await mkdir(here("./dist"), { recursive: true });
await writeFile(
  here("./dist/widget.js"),
  convexUrl ? code.replace("%%ANSWERBASE_CONVEX_URL%%", convexUrl) : code,
);
