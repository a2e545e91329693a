// The demo database behind the local cloud, its catalog, and the access policies the lookup tests use.
import { createConnector, type Connector, type TableInfo } from "@answerbase/connectors";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import type { AccessPolicy } from "../../../convex/access/policies.ts";
import type { PolicyMap } from "../../../convex/access/viewer.ts";

const toCustomers = {
  column: "customer_id",
  references: { schema: "public", table: "customers", column: "id" },
};

/**
 * Products, categories and stores are public; customers, orders, order lines and appointments belong
 * to a customer identified by customers.email; everything else (support tickets and their messages,
 * inventory events, the order_summaries view) has no saved policy, so it is private.
 */
export const DEMO_POLICIES: PolicyMap = new Map<string, AccessPolicy>([
  ["public.products", { kind: "public" }],
  ["public.product_categories", { kind: "public" }],
  ["public.StoreLocations", { kind: "public" }],
  ["public.customers", { kind: "customer", ownerPath: [], ownerColumn: "email" }],
  ["public.orders", { kind: "customer", ownerPath: [toCustomers], ownerColumn: "email" }],
  [
    "public.order_items",
    {
      kind: "customer",
      ownerPath: [
        { column: "order_id", references: { schema: "public", table: "orders", column: "id" } },
        toCustomers,
      ],
      ownerColumn: "email",
    },
  ],
  ["public.appointments", { kind: "customer", ownerPath: [toCustomers], ownerColumn: "email" }],
]);

export interface DemoDatabase {
  cloud: TestCloud;
  connector: Connector;
  catalog: TableInfo[];
  stop(): Promise<void>;
}

export async function startDemoDatabase(): Promise<DemoDatabase> {
  const cloud = await startTestCloud();
  const connector = createConnector(
    { provider: "postgres", connectionString: cloud.demo.connectionString },
    { network: "private_networks" }, // the test database is on this machine
  );
  const { tables } = await connector.listTables();
  return {
    cloud,
    connector,
    catalog: tables,
    async stop() {
      await connector.close();
      await cloud.stop();
    },
  };
}

export function tableNamed(catalog: readonly TableInfo[], key: string): TableInfo {
  const table = catalog.find((t) => `${t.schema}.${t.name}` === key);
  if (table === undefined) throw new Error(`the demo catalog has no ${key}`);
  return table;
}
