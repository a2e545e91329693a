export { nonPublicRange, mayReach, type NetworkAccess } from "./network-access.ts";
export { EgressRefusedError, EGRESS_REFUSED_MESSAGE, isEgressRefused } from "./egress-refused.ts";
export { resolveChecked, checkedLookup, systemResolver, type Resolver } from "./resolve-checked.ts";
export { checkedSocket, checkedFetch } from "./checked-connections.ts";
