import { authTables } from "@convex-dev/auth/server";
import { defineSchema } from "convex/server";
import { accountTables } from "./accounts/tables";
import { auditTables } from "./audit/tables";
import { contactTables } from "./contacts/tables";
import { conversationTables } from "./conversations/tables";
import { dataSourceTables } from "./dataSources/tables";
import { knowledgeTables } from "./knowledge/tables";
import { organizationTables } from "./organizations/tables";
import { widgetTables } from "./widget/tables";
import { sqlConsoleTables } from "./sqlConsole/tables";

export default defineSchema({
  ...authTables,
  ...accountTables,
  ...organizationTables,
  ...dataSourceTables,
  ...auditTables,
  ...knowledgeTables,
  ...contactTables,
  ...conversationTables,
  ...widgetTables,
  ...sqlConsoleTables,
});
