import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { EgressRefusedError } from "./egress-refused.ts";
import { mayReach, nonPublicRange, type NetworkAccess } from "./network-access.ts";

export type Resolver = (host: string) => Promise<LookupAddress[]>;

/** The operating system's resolver, as `net.connect` uses it: every spelling getaddrinfo accepts. */
export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/**
 * `[::1]` → `::1`; `localhost.` → `localhost`: a fully qualified name means the same host, and some
 * resolvers answer it only without the dot (the connection uses this lookup's answer either way).
 */
function bareHost(host: string): string {
  if (host.startsWith("[") && host.endsWith("]")) return host.slice(1, -1);
  return host.length > 1 && host.endsWith(".") ? host.slice(0, -1) : host;
}

/**
 * Every address `host` resolves to, refused as a whole if any of them is outside what `access`
 * allows: a name with one public and one private address could otherwise be connected to the private
 * one. IP literals are checked as written; anything else goes through the system resolver, so the
 * decimal (2130706433), hex (0x7f.1), octal (0177.0.0.1) and short (127.1) spellings of an address are
 * judged by the address they mean. Callers connect to one of the returned addresses, never to the
 * name again (no DNS rebinding between the check and the connection).
 */
export async function resolveChecked(
  host: string,
  access: NetworkAccess,
  resolver: Resolver = systemResolver,
): Promise<LookupAddress[]> {
  const bare = bareHost(host);
  const literal = isIP(bare);
  const addresses = literal !== 0 ? [{ address: bare, family: literal }] : await resolver(bare);
  for (const { address } of addresses) {
    if (!mayReach(address, access)) throw new EgressRefusedError(host, nonPublicRange(address) ?? "unknown");
  }
  if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: "ENOTFOUND" });
  return addresses;
}

/**
 * A `lookup` for `net.connect`, `tls.connect` and undici's connector: it answers only with checked
 * addresses, so the socket connects to exactly what was checked. Node calls it for every host that
 * is not an IP literal (literals never reach a lookup: see `checkedSocketOptions`).
 */
export function checkedLookup(access: NetworkAccess, resolver: Resolver = systemResolver) {
  return (
    hostname: string,
    options: { all?: boolean } | number,
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    resolveChecked(hostname, access, resolver).then(
      (addresses) => {
        if (typeof options === "object" && options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error, []),
    );
  };
}
