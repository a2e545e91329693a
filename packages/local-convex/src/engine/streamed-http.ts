import { AsyncLocalStorage } from "node:async_hooks";

/*
 * convex-test runs an HTTP action inside its async context (the function's ctx, the transaction
 * machinery) and leaves it as soon as the handler returns its Response. A streamed body is read
 * later, by the site server: `pull()` calling `ctx.runQuery` there fails with "No active convexTest
 * context". Each route's handler is wrapped so its body is read in the context the handler ran in,
 * as on a deployment, where the action lives until its body is done.
 */

interface HttpRouterLike {
  lookup(path: string, method: string): readonly [unknown, ...unknown[]] | null;
}

type Handler = (ctx: unknown, request: Request) => Promise<Response>;

/**
 * The route's own handler. `httpAction(fn)` returns a *function* that warns "Convex functions should not
 * directly call other Convex functions" when called, with `fn` as its `_handler`: calling that wrapper
 * printed the warning for every HTTP request.
 */
const handlerOf = (func: unknown): Handler =>
  ((typeof func === "object" || typeof func === "function") && func !== null && "_handler" in func
    ? func._handler
    : func) as Handler;

/** The Response with its body read inside `snapshot` (the handler's async context). */
function bindBody(response: Response, snapshot: <R>(fn: () => R) => R): Response {
  if (response.body === null) return response;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await snapshot(() => reader.read());
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => snapshot(() => reader.cancel(reason)),
    },
    // Nothing read ahead: the action produces a chunk when the client is ready for it.
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** `http.ts`'s router, whose handlers answer with bodies bound to their own context. */
export function withBoundBodies(router: HttpRouterLike): HttpRouterLike {
  return new Proxy(router, {
    get(target, key, receiver) {
      if (key !== "lookup") return Reflect.get(target, key, receiver) as unknown;
      return (path: string, method: string) => {
        const found = target.lookup(path, method);
        if (found === null) return null;
        const [func, ...rest] = found;
        const handler = handlerOf(func);
        const bound = {
          isHttp: true,
          _handler: async (ctx: unknown, request: Request) => {
            const snapshot = AsyncLocalStorage.snapshot();
            return bindBody(await handler(ctx, request), snapshot);
          },
        };
        return [bound, ...rest] as const;
      };
    },
  });
}
