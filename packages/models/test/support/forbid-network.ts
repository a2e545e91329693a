import net from "node:net";

/**
 * Makes every outgoing connection of this process fail and records it: TCP/TLS sockets (http, https,
 * node-fetch, undici) and the global fetch. Returns the attempts and a function that restores both.
 */
export function forbidNetwork() {
  const attempts: string[] = [];
  const connect = Object.getOwnPropertyDescriptor(net.Socket.prototype, "connect")!;
  const originalFetch = globalThis.fetch;
  const refuse = (what: string) => {
    attempts.push(what);
    return new Error(`network access is forbidden in this test: ${what}`);
  };
  Object.defineProperty(net.Socket.prototype, "connect", {
    ...connect,
    value: function (this: net.Socket, target: unknown) {
      const error = refuse(
        `socket ${typeof target === "string" || typeof target === "number" ? target : JSON.stringify(target)}`,
      );
      // Asynchronously, like a real connection failure, so that callers have attached their listeners.
      process.nextTick(() => this.destroy(error));
      return this;
    },
  });
  globalThis.fetch = (input) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    return Promise.reject(refuse(`fetch ${url}`));
  };
  return {
    attempts,
    restore() {
      Object.defineProperty(net.Socket.prototype, "connect", connect);
      globalThis.fetch = originalFetch;
    },
  };
}
