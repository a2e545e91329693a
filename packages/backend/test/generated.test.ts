// convex/_generated is committed (apps import its types); it must match the functions folder.
import { staleGeneratedFiles } from "@answerbase/local-convex";
import { expect, it } from "vitest";
import { CONVEX_DIR } from "./support/backend.ts";

it("convex/_generated is up to date (run `pnpm --filter @answerbase/backend codegen`)", async () => {
  expect(await staleGeneratedFiles(CONVEX_DIR)).toEqual([]);
});
