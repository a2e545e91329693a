import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The PDF tests generate their documents with pdfkit and parse them with pdf.js.
    testTimeout: 30_000,
  },
});
