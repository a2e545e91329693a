import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** The demo CRM's records: what the demo organization's actions read and write. */
export interface CrmCustomer {
  email: string;
  name: string;
  plan: string;
  accountManager: string;
  lifetimeValue: number;
}
export interface CrmRefund {
  id: string;
  email: string;
  orderId: string;
  amount: number;
  reason: string;
  status: "requested";
  createdAt: string;
}
export interface CrmTask {
  id: string;
  email: string;
  title: string;
  note: string;
  conversationLink: string | null;
  createdAt: string;
}

export interface CrmState {
  apiKey: string;
  customers: CrmCustomer[];
  refunds: CrmRefund[];
  tasks: CrmTask[];
  /** Idempotency-Key → the id of what that request created, so a retried POST creates nothing new. */
  idempotency: Record<string, string>;
}

// The demo shop's signed-in customers (apps/widget's demo host page signs alice@example.com).
const SEED_CUSTOMERS: CrmCustomer[] = [
  {
    email: "alice@example.com",
    name: "Alice Example",
    plan: "Plus",
    accountManager: "Sam Rivera",
    lifetimeValue: 1240,
  },
  {
    email: "bob@example.com",
    name: "Bob Example",
    plan: "Basic",
    accountManager: "Sam Rivera",
    lifetimeValue: 310,
  },
  {
    email: "carol@example.com",
    name: "Carol Example",
    plan: "Business",
    accountManager: "Ana Lima",
    lifetimeValue: 8900,
  },
];

/** The state kept in `file` (created on first start with a fresh API key), or in memory without one. */
export function loadCrmState(file: string | undefined, apiKey?: string): CrmState {
  if (file !== undefined && existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as CrmState;
  return {
    apiKey: apiKey ?? `crm_${randomBytes(18).toString("base64url")}`,
    customers: SEED_CUSTOMERS.map((customer) => ({ ...customer })),
    refunds: [],
    tasks: [],
    idempotency: {},
  };
}

export function saveCrmState(file: string | undefined, state: CrmState): void {
  if (file === undefined) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}
