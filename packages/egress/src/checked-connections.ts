import { isIP, Socket, type NetConnectOpts } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { EgressRefusedError } from "./egress-refused.ts";
import { checkedLookup, systemResolver, type Resolver } from "./resolve-checked.ts";
import { mayReach, nonPublicRange, type NetworkAccess } from "./network-access.ts";

/** The refusal for an IP literal or a local socket path, or null when `access` allows it. */
function refusalFor(host: string, access: NetworkAccess): EgressRefusedError | null {
  if (access === "private_networks") return null;
  if (host.startsWith("/")) return new EgressRefusedError(host, "unix socket");
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (isIP(bare) !== 0 && !mayReach(bare, access)) {
    return new EgressRefusedError(host, nonPublicRange(bare) ?? "unknown");
  }
  return null;
}

/**
 * A TCP socket that connects only where `access` allows: `connect(port, host)`, `connect(path)` and
 * `connect(options)` all pass through the check. Names go through `checkedLookup` (Node connects to
 * the address the lookup returned); IP literals and socket paths, which Node never looks up, are
 * checked here. A refusal arrives as the socket's `error` event, like any connection failure, so
 * drivers (pg's `stream` option) report it through their usual path.
 */
export function checkedSocket(access: NetworkAccess, resolver: Resolver = systemResolver): Socket {
  const socket = new Socket();
  const connect = socket.connect.bind(socket) as (options: NetConnectOpts) => Socket;
  const refuse = (error: EgressRefusedError) => {
    process.nextTick(() => socket.destroy(error));
    return socket;
  };
  socket.connect = (...args: unknown[]) => {
    const [first, second] = args;
    if (typeof first === "string") {
      const refused = refusalFor(first, access);
      return refused ? refuse(refused) : connect({ path: first });
    }
    const options =
      typeof first === "object" && first !== null
        ? (first as NetConnectOpts)
        : { port: Number(first), host: typeof second === "string" ? second : "localhost" };
    const target = "path" in options ? options.path : (options.host ?? "localhost");
    const refused = refusalFor(target, access);
    if (refused) return refuse(refused);
    return connect({ ...options, lookup: checkedLookup(access, resolver) });
  };
  return socket;
}

const agents = new Map<string, Agent>();

function agentFor(access: NetworkAccess, resolver: Resolver): Agent {
  const key = resolver === systemResolver ? access : "";
  const cached = key ? agents.get(key) : undefined;
  if (cached) return cached;
  const agent = new Agent({ connect: { lookup: checkedLookup(access, resolver) } });
  if (key) agents.set(key, agent);
  return agent;
}

/**
 * `fetch` that reaches only what `access` allows, for URLs a tenant influences (webhooks, HTTP actions,
 * Neon's API host derived from a connection string). Names are resolved and checked when a connection
 * opens and the connection goes to the checked address; IP literals (URL already turned 0x7f.1 and
 * 2130706433 into 127.0.0.1) are checked before the request. Redirects are refused: a public URL may
 * not bounce a request into a private network.
 */
export function checkedFetch(access: NetworkAccess, resolver: Resolver = systemResolver): typeof fetch {
  const dispatcher = agentFor(access, resolver);
  return async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const refused = refusalFor(url.hostname, access);
    if (refused) throw refused;
    // undici's Response is the one Node's own fetch returns; only the type packages differ.
    const response: unknown = await undiciFetch(url, {
      ...(init as Record<string, unknown>),
      dispatcher,
      redirect: "error",
    });
    return response as Response;
  };
}
