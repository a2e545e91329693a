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

export default http;
