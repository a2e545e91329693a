import { authTables } from "@convex-dev/auth/server";
import { defineSchema } from "convex/server";
import { accountTables } from "./accounts/tables";
import { agentActionTables } from "./agentActions/tables";
import { apiKeyTables } from "./apiKeys/tables";
import { auditTables } from "./audit/tables";
import { contactTables } from "./contacts/tables";
import { contentGapTables } from "./contentGaps/tables";
import { conversationTables } from "./conversations/tables";
import { dataSourceTables } from "./dataSources/tables";
import { knowledgeTables } from "./knowledge/tables";
import { notificationTables } from "./notifications/tables";
import { organizationTables } from "./organizations/tables";
import { satisfactionTables } from "./satisfaction/tables";
import { widgetTables } from "./widget/tables";
import { webhookTables } from "./webhooks/tables";
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
  ...apiKeyTables,
  ...webhookTables,
  ...satisfactionTables,
  ...contentGapTables,
  ...notificationTables,
  ...sqlConsoleTables,
  ...agentActionTables,
});
