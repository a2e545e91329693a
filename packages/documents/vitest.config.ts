import { packageTestConfig } from "../../vitest.shared.ts";

// The PDF tests generate their documents with pdfkit and parse them with pdf.js.
export default packageTestConfig({ testTimeout: 30_000 });
