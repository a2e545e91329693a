/**
 * `pnpm bench documents`: extraction + chunking throughput per format (pages/s for a generated 200-page
 * PDF, MB/s for Markdown, HTML, CSV and plain text of a few MB), the latency of one FAQ-sized upload,
 * what loading pdf.js costs a fresh process (a cold Convex Node action), and how long the calling
 * thread stalls while four large files are parsed on it or in the extraction worker pool.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { defineSuite } from "@answerbase/bench";
import { chunkDocument, closeExtractionWorkers, extractAndChunk, extractDocument } from "../src/index.ts";
import { makeGuidePdf } from "../test/fixtures/make-pdf.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);
const RUNS = 5;
const PDF_PAGES = 200;
const TEXT_BYTES = 4 * 1024 * 1024;

interface Inputs {
  pdf: Uint8Array;
  md: Uint8Array;
  html: Uint8Array;
  csv: Uint8Array;
  txt: Uint8Array;
  faq: Uint8Array;
}

const encode = (text: string) => new TextEncoder().encode(text);
const fixture = async (name: string) =>
  readFile(new URL(`../test/fixtures/${name}`, import.meta.url), "utf8");
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Repeats `unit(i)` until the text reaches `bytes`. */
function repeatTo(bytes: number, unit: (i: number) => string, header = "", footer = ""): Uint8Array {
  const parts = [header];
  let size = header.length + footer.length;
  for (let i = 0; size < bytes; i++) {
    const part = unit(i);
    parts.push(part);
    size += part.length;
  }
  parts.push(footer);
  return encode(parts.join(""));
}

async function buildInputs(): Promise<Inputs> {
  const faqMd = await fixture("support-faq.md");
  const mdBody = faqMd.replace(/^---[\s\S]*?---\n/, "");
  const faqHtml = await fixture("support-faq.html");
  const htmlMain = /<main[\s\S]*<\/main>/.exec(faqHtml)?.[0] ?? "";
  const [csvHeader = "", ...csvRows] = (await fixture("products.csv")).split(/\n(?=[A-Z]{2}-\d{3},)/);
  return {
    pdf: await makeGuidePdf(PDF_PAGES),
    md: repeatTo(TEXT_BYTES, (i) => mdBody.replace(/^# (.*)$/m, `# $1 (part ${i + 1})`) + "\n"),
    html: repeatTo(
      TEXT_BYTES,
      (i) => htmlMain.replace("<h1>", `<h1>Part ${i + 1}: `),
      "<!doctype html><html><head><title>Help</title></head><body>",
      "</body></html>",
    ),
    csv: repeatTo(
      TEXT_BYTES,
      (i) => `${csvRows[i % csvRows.length]!.replace(/^[A-Z]{2}-\d{3}/, `P-${i}`)}\n`,
      `${csvHeader}\n`,
    ),
    txt: repeatTo(TEXT_BYTES, (i) => `Section ${i + 1}\n\n${mdBody.replace(/[#*`|_]/g, "")}\n`),
    faq: encode(faqMd),
  };
}

/** Median wall time of extract + chunk over `RUNS` runs, and what the last run produced. */
async function measure(bytes: Uint8Array, fileName: string) {
  const extractMs: number[] = [];
  const totalMs: number[] = [];
  let chunks = 0;
  let pages = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const extracted = await extractDocument(bytes, { fileName });
    const extractedAt = performance.now();
    chunks = chunkDocument(extracted).length;
    const end = performance.now();
    extractMs.push(extractedAt - start);
    totalMs.push(end - start);
    pages = extracted.pageCount ?? 0;
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const total = median(totalMs);
  const megabytes = bytes.length / (1024 * 1024);
  return {
    sizeMB: round(megabytes, 2),
    ...(pages ? { pages, pagesPerSec: Math.round((pages / total) * 1000) } : {}),
    mbPerSec: round((megabytes / total) * 1000, 2),
    extractMs: round(median(extractMs)),
    totalMs: round(total),
    chunks,
  };
}

/**
 * The thread that calls `extractAndChunk` while it parses the pdf, md, html and csv inputs at once: how
 * long that thread could not run anything else (the event loop's delay, sampled every 5 ms: on the
 * calling thread a parse holds it for its whole length), and the wall time for the four files.
 * `workers` 0 parses on the calling thread; a warm-up pass first (the workers load the parsers).
 */
async function callingThreadWhileParsing(inputs: Inputs, workers: number) {
  const files = [
    [inputs.pdf, "guide.pdf"],
    [inputs.md, "faq.md"],
    [inputs.html, "faq.html"],
    [inputs.csv, "products.csv"],
  ] as const;
  const parseAll = () =>
    Promise.all(files.map(([bytes, fileName]) => extractAndChunk(bytes, { fileName, workers })));
  await parseAll();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const walls: number[] = [];
  delay.enable();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await parseAll();
    walls.push(performance.now() - start);
  }
  delay.disable();
  await closeExtractionWorkers();
  const ms = (ns: number) => round(ns / 1e6);
  return {
    "4 files, wall p50 ms": round(walls.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!),
    "loop delay p50 ms": ms(delay.percentile(50)),
    "loop delay p99 ms": ms(delay.percentile(99)),
    "loop delay max ms": ms(delay.max),
    load: round(loadavg()[0] ?? 0, 2),
  };
}

/** Import unpdf and read a one-page PDF in a new Node process: what a cold action pays once. */
async function coldPdfMs(pdfPath: string): Promise<{ importMs: number; firstPdfMs: number }> {
  const script = `
    const { readFileSync } = await import("node:fs");
    const bytes = new Uint8Array(readFileSync(${JSON.stringify(pdfPath)}));
    const t0 = performance.now();
    const { getDocumentProxy, extractText } = await import("unpdf");
    const t1 = performance.now();
    const pdf = await getDocumentProxy(bytes, { verbosity: 0 });
    await extractText(pdf);
    console.log(JSON.stringify({ importMs: t1 - t0, firstPdfMs: performance.now() - t1 }));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: packageDir });
  return JSON.parse(stdout) as { importMs: number; firstPdfMs: number };
}

export default defineSuite<Inputs>({
  name: "documents",
  description: `extract + chunk (defaults 1000/1500/150): a ${PDF_PAGES}-page PDF, ~4 MB of md/html/csv/txt, the FAQ`,
  setup: () => buildInputs(),
  cases: [
    {
      kind: "custom",
      name: `pdf: ${PDF_PAGES}-page support guide (pdf.js via unpdf)`,
      measure: ({ pdf }) => measure(pdf, "guide.pdf"),
    },
    {
      kind: "custom",
      name: "md: FAQ repeated to ~4 MB (marked lexer)",
      measure: ({ md }) => measure(md, "faq.md"),
    },
    {
      kind: "custom",
      name: "html: FAQ page repeated to ~4 MB (htmlparser2)",
      measure: ({ html }) => measure(html, "faq.html"),
    },
    {
      kind: "custom",
      name: "csv: product rows to ~4 MB (csv-parse)",
      measure: ({ csv }) => measure(csv, "products.csv"),
    },
    { kind: "custom", name: "txt: ~4 MB of paragraphs", measure: ({ txt }) => measure(txt, "notes.txt") },
    {
      kind: "latency",
      name: "md: the support FAQ fixture (1.7 KB), extract + chunk",
      iterations: 500,
      run: async ({ faq }) => {
        chunkDocument(await extractDocument(faq, { fileName: "support-faq.md" }));
      },
    },
    {
      kind: "custom",
      name: "calling thread while pdf+md+html+csv are parsed, on it (workers 0)",
      measure: (inputs) => callingThreadWhileParsing(inputs, 0),
    },
    {
      kind: "custom",
      name: "calling thread while pdf+md+html+csv are parsed, worker pool (1/core)",
      measure: (inputs) => callingThreadWhileParsing(inputs, availableParallelism()),
    },
    {
      kind: "custom",
      name: "unpdf import + first 1-page PDF in a fresh process (median of 5)",
      async measure() {
        const path = join(await mkdtemp(join(tmpdir(), "documents-bench-")), "one-page.pdf");
        await writeFile(path, await makeGuidePdf(1));
        const runs: { importMs: number; firstPdfMs: number }[] = [];
        for (let i = 0; i < 5; i++) runs.push(await coldPdfMs(path));
        const median = (values: number[]) => values.sort((a, b) => a - b)[2] ?? Number.NaN;
        return {
          importMs: round(median(runs.map((r) => r.importMs))),
          firstPdfMs: round(median(runs.map((r) => r.firstPdfMs))),
        };
      },
    },
  ],
});
