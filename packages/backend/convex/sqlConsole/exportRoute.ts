import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { httpAction, type ActionCtx } from "../_generated/server";

/*
 * `POST /sql/export` (form field `ticket`): the SQL page's CSV download. The ticket comes from
 * `private/sqlConsole.prepareExport`, which checked the admin; it is single use and expires after a
 * minute, so the browser can download with a plain form POST (a native, streamed download to disk)
 * without putting its auth token in a URL. The body is streamed as the producer writes it; a client
 * that goes away cancels the export and the database read.
 */

const POLL_MS = 25;
const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Next = { kind: "chunk"; text: string } | { kind: "end"; status: { kind: string; message?: string } };

/** The next chunk, or the end; waits while the producer is still working. */
async function next(ctx: ActionCtx, exportId: Id<"sqlConsoleExports">, seq: number): Promise<Next> {
  for (;;) {
    const taken = await ctx.runMutation(internal.system.sqlExports.take, { exportId, seq });
    if (taken.kind !== "wait") return taken;
    await sleep(POLL_MS);
  }
}

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export const sqlExport = httpAction(async (ctx: ActionCtx, request: Request) => {
  const ticket = new URLSearchParams(await request.text()).get("ticket");
  const claimed = ticket ? await ctx.runMutation(internal.system.sqlExports.claim, { ticket }) : null;
  if (claimed === null) {
    return text(410, "This export has expired or was already downloaded; export again from the SQL page.");
  }
  const { exportId, filename } = claimed;
  // The first chunk (the header row, once the statement runs) or the failure, before answering: a
  // refused statement is a 422, not a download that breaks off.
  const first = await next(ctx, exportId, 0);
  if (first.kind === "end" && first.status.kind === "failed") {
    return text(422, first.status.message ?? "The export failed.");
  }
  let seq = 0;
  let pending: Next | null = first;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const item = pending ?? (await next(ctx, exportId, seq));
        pending = null;
        if (item.kind === "chunk") {
          seq++;
          controller.enqueue(encoder.encode(item.text));
        } else if (item.status.kind === "failed") {
          // Headers are sent: breaking the body off is how the client learns the file is incomplete.
          controller.error(new Error(item.status.message ?? "The export failed."));
        } else {
          controller.close();
        }
      },
      async cancel() {
        await ctx.runMutation(internal.system.sqlExports.cancel, { exportId });
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
