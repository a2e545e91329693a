import { httpRouter } from "convex/server";
import { api } from "./_generated/api";
import { httpAction } from "./_generated/server";

const http = httpRouter();

http.route({
  path: "/hello",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const name = new URL(request.url).searchParams.get("name") ?? "world";
    const count = await ctx.runQuery(api.counters.get, { name: "hello" });
    return new Response(`hello ${name} (${count})`, { headers: { "content-type": "text/plain" } });
  }),
});

http.route({
  path: "/messages",
  method: "POST",
  handler: httpAction(async (ctx, request) => {
    const body = (await request.json()) as { channel: string; body: string };
    const id = await ctx.runMutation(api.messages.send, { ...body, author: "http" });
    return Response.json({ id }, { status: 201 });
  }),
});

const encoder = new TextEncoder();

/**
 * A streamed body: "first" at once, "second" only after the counter `release-<id>` is set, so a
 * server that buffered the body would never send "first". A cancelled stream bumps `cancelled-<id>`.
 */
http.route({
  path: "/stream",
  method: "GET",
  handler: httpAction((ctx, request) => {
    const id = new URL(request.url).searchParams.get("id") ?? "";
    let sentSecond = false;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode("first\n"));
      },
      async pull(controller) {
        if (sentSecond) return;
        while ((await ctx.runQuery(api.counters.get, { name: `release-${id}` })) === 0) {
          if (cancelled) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        sentSecond = true;
        controller.enqueue(encoder.encode("second\n"));
        if (id.startsWith("end")) controller.close();
      },
      async cancel() {
        cancelled = true;
        await ctx.runMutation(api.counters.increment, { name: `cancelled-${id}` });
      },
    });
    return Promise.resolve(new Response(body, { headers: { "content-type": "text/plain" } }));
  }),
});

export default http;
