/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as audit_tables from "../audit/tables.js";
import type * as auth from "../auth.js";
import type * as contacts_clientKeys from "../contacts/clientKeys.js";
import type * as contacts_identity from "../contacts/identity.js";
import type * as contacts_sessionToken from "../contacts/sessionToken.js";
import type * as contacts_tables from "../contacts/tables.js";
import type * as conversations_model from "../conversations/model.js";
import type * as conversations_tables from "../conversations/tables.js";
import type * as conversations_validators from "../conversations/validators.js";
import type * as crons from "../crons.js";
import type * as dataSources_policies from "../dataSources/policies.js";
import type * as dataSources_tables from "../dataSources/tables.js";
import type * as dataSources_validators from "../dataSources/validators.js";
import type * as http from "../http.js";
import type * as knowledge_documents from "../knowledge/documents.js";
import type * as knowledge_jobs from "../knowledge/jobs.js";
import type * as knowledge_tables from "../knowledge/tables.js";
import type * as knowledge_validators from "../knowledge/validators.js";
import type * as lib_accessPolicies from "../lib/accessPolicies.js";
import type * as lib_agent_databaseTools from "../lib/agent/databaseTools.js";
import type * as lib_agent_instructions from "../lib/agent/instructions.js";
import type * as lib_agent_playground from "../lib/agent/playground.js";
import type * as lib_agent_tools from "../lib/agent/tools.js";
import type * as lib_agent_turn from "../lib/agent/turn.js";
import type * as lib_agentDatabase from "../lib/agentDatabase.js";
import type * as lib_answerSources from "../lib/answerSources.js";
import type * as lib_condenseQuestion from "../lib/condenseQuestion.js";
import type * as lib_customerPreview from "../lib/customerPreview.js";
import type * as lib_dataSourceAccess from "../lib/dataSourceAccess.js";
import type * as lib_dataSourceAccessTypes from "../lib/dataSourceAccessTypes.js";
import type * as lib_dataSourceOperations from "../lib/dataSourceOperations.js";
import type * as lib_env from "../lib/env.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_hiddenColumns from "../lib/hiddenColumns.js";
import type * as lib_ingestionProgress from "../lib/ingestionProgress.js";
import type * as lib_knowledgeIndex from "../lib/knowledgeIndex.js";
import type * as lib_knowledgeRelevance from "../lib/knowledgeRelevance.js";
import type * as lib_knowledgeSearch from "../lib/knowledgeSearch.js";
import type * as lib_lookup_access from "../lib/lookup/access.js";
import type * as lib_lookup_columnMatch from "../lib/lookup/columnMatch.js";
import type * as lib_lookup_conditions from "../lib/lookup/conditions.js";
import type * as lib_lookup_dates from "../lib/lookup/dates.js";
import type * as lib_lookup_entities from "../lib/lookup/entities.js";
import type * as lib_lookup_modelSql from "../lib/lookup/modelSql.js";
import type * as lib_lookup_namedArgs from "../lib/lookup/namedArgs.js";
import type * as lib_lookup_namedDefinition from "../lib/lookup/namedDefinition.js";
import type * as lib_lookup_namedMatch from "../lib/lookup/namedMatch.js";
import type * as lib_lookup_ownerFilter from "../lib/lookup/ownerFilter.js";
import type * as lib_lookup_pageCursor from "../lib/lookup/pageCursor.js";
import type * as lib_lookup_pagedStatement from "../lib/lookup/pagedStatement.js";
import type * as lib_lookup_plan from "../lib/lookup/plan.js";
import type * as lib_lookup_runLookup from "../lib/lookup/runLookup.js";
import type * as lib_lookup_scopedSql from "../lib/lookup/scopedSql.js";
import type * as lib_lookup_sqlTokens from "../lib/lookup/sqlTokens.js";
import type * as lib_lookup_words from "../lib/lookup/words.js";
import type * as lib_members from "../lib/members.js";
import type * as lib_namedLookupSave from "../lib/namedLookupSave.js";
import type * as lib_namedLookups from "../lib/namedLookups.js";
import type * as lib_overviewStats from "../lib/overviewStats.js";
import type * as lib_ragRows from "../lib/ragRows.js";
import type * as lib_rateLimits from "../lib/rateLimits.js";
import type * as lib_rowBatch from "../lib/rowBatch.js";
import type * as lib_rowDocuments from "../lib/rowDocuments.js";
import type * as lib_rowRelations from "../lib/rowRelations.js";
import type * as lib_rowScopes from "../lib/rowScopes.js";
import type * as lib_secretBox from "../lib/secretBox.js";
import type * as lib_secretsManager from "../lib/secretsManager.js";
import type * as lib_sharedConnectors from "../lib/sharedConnectors.js";
import type * as lib_sourceRace from "../lib/sourceRace.js";
import type * as lib_textRules from "../lib/textRules.js";
import type * as organizations_model from "../organizations/model.js";
import type * as organizations_tables from "../organizations/tables.js";
import type * as private_auditLog from "../private/auditLog.js";
import type * as private_conversations from "../private/conversations.js";
import type * as private_dataSourceActions from "../private/dataSourceActions.js";
import type * as private_dataSources from "../private/dataSources.js";
import type * as private_documents from "../private/documents.js";
import type * as private_ingestion from "../private/ingestion.js";
import type * as private_invitations from "../private/invitations.js";
import type * as private_knowledgeSearch from "../private/knowledgeSearch.js";
import type * as private_members from "../private/members.js";
import type * as private_namedLookupActions from "../private/namedLookupActions.js";
import type * as private_namedLookups from "../private/namedLookups.js";
import type * as private_organizations from "../private/organizations.js";
import type * as private_overview from "../private/overview.js";
import type * as private_playground from "../private/playground.js";
import type * as private_widgetIdentity from "../private/widgetIdentity.js";
import type * as private_widgetSettings from "../private/widgetSettings.js";
import type * as public_contactSessions from "../public/contactSessions.js";
import type * as public_conversations from "../public/conversations.js";
import type * as public_messages from "../public/messages.js";
import type * as public_widget from "../public/widget.js";
import type * as shared_contacts from "../shared/contacts.js";
import type * as shared_documents from "../shared/documents.js";
import type * as shared_messages from "../shared/messages.js";
import type * as shared_namedLookups from "../shared/namedLookups.js";
import type * as shared_organizations from "../shared/organizations.js";
import type * as shared_overview from "../shared/overview.js";
import type * as shared_widgetSettings from "../shared/widgetSettings.js";
import type * as system_agentDatabase from "../system/agentDatabase.js";
import type * as system_agentReplies from "../system/agentReplies.js";
import type * as system_answers from "../system/answers.js";
import type * as system_audit from "../system/audit.js";
import type * as system_conversationRecords from "../system/conversationRecords.js";
import type * as system_dataSourcePolicies from "../system/dataSourcePolicies.js";
import type * as system_dataSourceRecords from "../system/dataSourceRecords.js";
import type * as system_dataSources from "../system/dataSources.js";
import type * as system_demo from "../system/demo.js";
import type * as system_demoRecords from "../system/demoRecords.js";
import type * as system_documentRecords from "../system/documentRecords.js";
import type * as system_documents from "../system/documents.js";
import type * as system_ingestion from "../system/ingestion.js";
import type * as system_ingestionJobs from "../system/ingestionJobs.js";
import type * as system_ingestionRecords from "../system/ingestionRecords.js";
import type * as system_ingestionWrites from "../system/ingestionWrites.js";
import type * as system_knowledge from "../system/knowledge.js";
import type * as system_knowledgePurge from "../system/knowledgePurge.js";
import type * as system_members from "../system/members.js";
import type * as system_namedLookups from "../system/namedLookups.js";
import type * as system_networkAccess from "../system/networkAccess.js";
import type * as system_playground from "../system/playground.js";
import type * as system_widgetClients from "../system/widgetClients.js";
import type * as system_widgetDemo from "../system/widgetDemo.js";
import type * as widget_clientsRoute from "../widget/clientsRoute.js";
import type * as widget_settings from "../widget/settings.js";
import type * as widget_tables from "../widget/tables.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  "audit/tables": typeof audit_tables;
  auth: typeof auth;
  "contacts/clientKeys": typeof contacts_clientKeys;
  "contacts/identity": typeof contacts_identity;
  "contacts/sessionToken": typeof contacts_sessionToken;
  "contacts/tables": typeof contacts_tables;
  "conversations/model": typeof conversations_model;
  "conversations/tables": typeof conversations_tables;
  "conversations/validators": typeof conversations_validators;
  crons: typeof crons;
  "dataSources/policies": typeof dataSources_policies;
  "dataSources/tables": typeof dataSources_tables;
  "dataSources/validators": typeof dataSources_validators;
  http: typeof http;
  "knowledge/documents": typeof knowledge_documents;
  "knowledge/jobs": typeof knowledge_jobs;
  "knowledge/tables": typeof knowledge_tables;
  "knowledge/validators": typeof knowledge_validators;
  "lib/accessPolicies": typeof lib_accessPolicies;
  "lib/agent/databaseTools": typeof lib_agent_databaseTools;
  "lib/agent/instructions": typeof lib_agent_instructions;
  "lib/agent/playground": typeof lib_agent_playground;
  "lib/agent/tools": typeof lib_agent_tools;
  "lib/agent/turn": typeof lib_agent_turn;
  "lib/agentDatabase": typeof lib_agentDatabase;
  "lib/answerSources": typeof lib_answerSources;
  "lib/condenseQuestion": typeof lib_condenseQuestion;
  "lib/customerPreview": typeof lib_customerPreview;
  "lib/dataSourceAccess": typeof lib_dataSourceAccess;
  "lib/dataSourceAccessTypes": typeof lib_dataSourceAccessTypes;
  "lib/dataSourceOperations": typeof lib_dataSourceOperations;
  "lib/env": typeof lib_env;
  "lib/errors": typeof lib_errors;
  "lib/functions": typeof lib_functions;
  "lib/hiddenColumns": typeof lib_hiddenColumns;
  "lib/ingestionProgress": typeof lib_ingestionProgress;
  "lib/knowledgeIndex": typeof lib_knowledgeIndex;
  "lib/knowledgeRelevance": typeof lib_knowledgeRelevance;
  "lib/knowledgeSearch": typeof lib_knowledgeSearch;
  "lib/lookup/access": typeof lib_lookup_access;
  "lib/lookup/columnMatch": typeof lib_lookup_columnMatch;
  "lib/lookup/conditions": typeof lib_lookup_conditions;
  "lib/lookup/dates": typeof lib_lookup_dates;
  "lib/lookup/entities": typeof lib_lookup_entities;
  "lib/lookup/modelSql": typeof lib_lookup_modelSql;
  "lib/lookup/namedArgs": typeof lib_lookup_namedArgs;
  "lib/lookup/namedDefinition": typeof lib_lookup_namedDefinition;
  "lib/lookup/namedMatch": typeof lib_lookup_namedMatch;
  "lib/lookup/ownerFilter": typeof lib_lookup_ownerFilter;
  "lib/lookup/pageCursor": typeof lib_lookup_pageCursor;
  "lib/lookup/pagedStatement": typeof lib_lookup_pagedStatement;
  "lib/lookup/plan": typeof lib_lookup_plan;
  "lib/lookup/runLookup": typeof lib_lookup_runLookup;
  "lib/lookup/scopedSql": typeof lib_lookup_scopedSql;
  "lib/lookup/sqlTokens": typeof lib_lookup_sqlTokens;
  "lib/lookup/words": typeof lib_lookup_words;
  "lib/members": typeof lib_members;
  "lib/namedLookupSave": typeof lib_namedLookupSave;
  "lib/namedLookups": typeof lib_namedLookups;
  "lib/overviewStats": typeof lib_overviewStats;
  "lib/ragRows": typeof lib_ragRows;
  "lib/rateLimits": typeof lib_rateLimits;
  "lib/rowBatch": typeof lib_rowBatch;
  "lib/rowDocuments": typeof lib_rowDocuments;
  "lib/rowRelations": typeof lib_rowRelations;
  "lib/rowScopes": typeof lib_rowScopes;
  "lib/secretBox": typeof lib_secretBox;
  "lib/secretsManager": typeof lib_secretsManager;
  "lib/sharedConnectors": typeof lib_sharedConnectors;
  "lib/sourceRace": typeof lib_sourceRace;
  "lib/textRules": typeof lib_textRules;
  "organizations/model": typeof organizations_model;
  "organizations/tables": typeof organizations_tables;
  "private/auditLog": typeof private_auditLog;
  "private/conversations": typeof private_conversations;
  "private/dataSourceActions": typeof private_dataSourceActions;
  "private/dataSources": typeof private_dataSources;
  "private/documents": typeof private_documents;
  "private/ingestion": typeof private_ingestion;
  "private/invitations": typeof private_invitations;
  "private/knowledgeSearch": typeof private_knowledgeSearch;
  "private/members": typeof private_members;
  "private/namedLookupActions": typeof private_namedLookupActions;
  "private/namedLookups": typeof private_namedLookups;
  "private/organizations": typeof private_organizations;
  "private/overview": typeof private_overview;
  "private/playground": typeof private_playground;
  "private/widgetIdentity": typeof private_widgetIdentity;
  "private/widgetSettings": typeof private_widgetSettings;
  "public/contactSessions": typeof public_contactSessions;
  "public/conversations": typeof public_conversations;
  "public/messages": typeof public_messages;
  "public/widget": typeof public_widget;
  "shared/contacts": typeof shared_contacts;
  "shared/documents": typeof shared_documents;
  "shared/messages": typeof shared_messages;
  "shared/namedLookups": typeof shared_namedLookups;
  "shared/organizations": typeof shared_organizations;
  "shared/overview": typeof shared_overview;
  "shared/widgetSettings": typeof shared_widgetSettings;
  "system/agentDatabase": typeof system_agentDatabase;
  "system/agentReplies": typeof system_agentReplies;
  "system/answers": typeof system_answers;
  "system/audit": typeof system_audit;
  "system/conversationRecords": typeof system_conversationRecords;
  "system/dataSourcePolicies": typeof system_dataSourcePolicies;
  "system/dataSourceRecords": typeof system_dataSourceRecords;
  "system/dataSources": typeof system_dataSources;
  "system/demo": typeof system_demo;
  "system/demoRecords": typeof system_demoRecords;
  "system/documentRecords": typeof system_documentRecords;
  "system/documents": typeof system_documents;
  "system/ingestion": typeof system_ingestion;
  "system/ingestionJobs": typeof system_ingestionJobs;
  "system/ingestionRecords": typeof system_ingestionRecords;
  "system/ingestionWrites": typeof system_ingestionWrites;
  "system/knowledge": typeof system_knowledge;
  "system/knowledgePurge": typeof system_knowledgePurge;
  "system/members": typeof system_members;
  "system/namedLookups": typeof system_namedLookups;
  "system/networkAccess": typeof system_networkAccess;
  "system/playground": typeof system_playground;
  "system/widgetClients": typeof system_widgetClients;
  "system/widgetDemo": typeof system_widgetDemo;
  "widget/clientsRoute": typeof widget_clientsRoute;
  "widget/settings": typeof widget_settings;
  "widget/tables": typeof widget_tables;
}>;

/**
 * A utility for referencing Convex functions in your app's public API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;

/**
 * A utility for referencing Convex functions in your app's internal API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = internal.myModule.myFunction;
 * ```
 */
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
  rag: import("@convex-dev/rag/_generated/component.js").ComponentApi<"rag">;
  agent: import("@convex-dev/agent/_generated/component.js").ComponentApi<"agent">;
};
