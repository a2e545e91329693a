import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * What the platform lets one organization's outbound connections reach. `public_internet` is every
 * tenant's default; `private_networks` is an operator's grant for one organization (a self-hosted
 * database in the operator's own network, or the embedded demo database), never a tenant's choice.
 */
export type NetworkAccess = "public_internet" | "private_networks";

/**
 * Why an address is not on the public internet, or null when it is: anything but globally routable
 * unicast is refused. ipaddr.js names the ranges (loopback, private = RFC 1918, carrierGradeNat,
 * linkLocal incl. 169.254.169.254, uniqueLocal incl. fd00:ec2::254, unspecified = 0.0.0.0/8 and ::,
 * multicast, broadcast, reserved, and the IPv6 forms that embed an IPv4 address: 6to4, teredo, NAT64
 * rfc6052/rfc6145); `process` first turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into its IPv4 address.
 */
export function nonPublicRange(address: string): string | null {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  // A zone id (fe80::1%eth0) only exists on link-local addresses.
  const withoutZone = bare.includes("%") ? bare.slice(0, bare.indexOf("%")) : bare;
  if (isIP(withoutZone) === 0) return "not an IP address";
  const range = ipaddr.process(withoutZone).range();
  return range === "unicast" ? null : range;
}

/** Whether an organization with `access` may connect to `address` (an IP address, already resolved). */
export function mayReach(address: string, access: NetworkAccess): boolean {
  return access === "private_networks" || nonPublicRange(address) === null;
}
