/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as access_hiddenColumns from "../access/hiddenColumns.js";
import type * as access_policies from "../access/policies.js";
import type * as access_rowScopes from "../access/rowScopes.js";
import type * as access_viewer from "../access/viewer.js";
import type * as accounts_attemptRows from "../accounts/attemptRows.js";
import type * as accounts_backoff from "../accounts/backoff.js";
import type * as accounts_clientTokens from "../accounts/clientTokens.js";
import type * as accounts_dashboardClientsRoute from "../accounts/dashboardClientsRoute.js";
import type * as accounts_passwordLimits from "../accounts/passwordLimits.js";
import type * as accounts_passwordProvider from "../accounts/passwordProvider.js";
import type * as accounts_smtpMailer from "../accounts/smtpMailer.js";
import type * as accounts_tables from "../accounts/tables.js";
import type * as accounts_verificationCode from "../accounts/verificationCode.js";
import type * as agent_answerSources from "../agent/answerSources.js";
import type * as agent_condenseQuestion from "../agent/condenseQuestion.js";
import type * as agent_databaseTools from "../agent/databaseTools.js";
import type * as agent_instructions from "../agent/instructions.js";
import type * as agent_playgroundAsk from "../agent/playgroundAsk.js";
import type * as agent_questionKind from "../agent/questionKind.js";
import type * as agent_sourceRace from "../agent/sourceRace.js";
import type * as agent_tools from "../agent/tools.js";
import type * as agent_turn from "../agent/turn.js";
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
import type * as dataSources_actor from "../dataSources/actor.js";
import type * as dataSources_connection from "../dataSources/connection.js";
import type * as dataSources_customerPreview from "../dataSources/customerPreview.js";
import type * as dataSources_demoReview from "../dataSources/demoReview.js";
import type * as dataSources_draftTest from "../dataSources/draftTest.js";
import type * as dataSources_model from "../dataSources/model.js";
import type * as dataSources_operations from "../dataSources/operations.js";
import type * as dataSources_policyChanges from "../dataSources/policyChanges.js";
import type * as dataSources_secretBox from "../dataSources/secretBox.js";
import type * as dataSources_secretsManager from "../dataSources/secretsManager.js";
import type * as dataSources_sharedConnectors from "../dataSources/sharedConnectors.js";
import type * as dataSources_tables from "../dataSources/tables.js";
import type * as dataSources_validators from "../dataSources/validators.js";
import type * as http from "../http.js";
import type * as knowledge_ingestionProgress from "../knowledge/ingestionProgress.js";
import type * as knowledge_jobs from "../knowledge/jobs.js";
import type * as knowledge_ragRows from "../knowledge/ragRows.js";
import type * as knowledge_relevance from "../knowledge/relevance.js";
import type * as knowledge_rowBatch from "../knowledge/rowBatch.js";
import type * as knowledge_rowDocuments from "../knowledge/rowDocuments.js";
import type * as knowledge_rowPassage from "../knowledge/rowPassage.js";
import type * as knowledge_rowRelations from "../knowledge/rowRelations.js";
import type * as knowledge_search from "../knowledge/search.js";
import type * as knowledge_searchIndex from "../knowledge/searchIndex.js";
import type * as knowledge_tables from "../knowledge/tables.js";
import type * as knowledge_uploads from "../knowledge/uploads.js";
import type * as knowledge_validators from "../knowledge/validators.js";
import type * as lib_env from "../lib/env.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_rateLimits from "../lib/rateLimits.js";
import type * as lib_textRules from "../lib/textRules.js";
import type * as lookup_agentStatements from "../lookup/agentStatements.js";
import type * as lookup_cell from "../lookup/cell.js";
import type * as lookup_columnMatch from "../lookup/columnMatch.js";
import type * as lookup_conditions from "../lookup/conditions.js";
import type * as lookup_context from "../lookup/context.js";
import type * as lookup_dates from "../lookup/dates.js";
import type * as lookup_displayJoins from "../lookup/displayJoins.js";
import type * as lookup_entities from "../lookup/entities.js";
import type * as lookup_modelSql from "../lookup/modelSql.js";
import type * as lookup_named_args from "../lookup/named/args.js";
import type * as lookup_named_definition from "../lookup/named/definition.js";
import type * as lookup_named_match from "../lookup/named/match.js";
import type * as lookup_named_model from "../lookup/named/model.js";
import type * as lookup_named_run from "../lookup/named/run.js";
import type * as lookup_named_save from "../lookup/named/save.js";
import type * as lookup_ownerFilter from "../lookup/ownerFilter.js";
import type * as lookup_pageCursor from "../lookup/pageCursor.js";
import type * as lookup_pagedStatement from "../lookup/pagedStatement.js";
import type * as lookup_plan from "../lookup/plan.js";
import type * as lookup_rowOrder from "../lookup/rowOrder.js";
import type * as lookup_runLookup from "../lookup/runLookup.js";
import type * as lookup_scopedSql from "../lookup/scopedSql.js";
import type * as lookup_shownColumns from "../lookup/shownColumns.js";
import type * as lookup_sqlTokens from "../lookup/sqlTokens.js";
import type * as lookup_statusWords from "../lookup/statusWords.js";
import type * as lookup_timeFrame from "../lookup/timeFrame.js";
import type * as lookup_words from "../lookup/words.js";
import type * as organizations_model from "../organizations/model.js";
import type * as organizations_roles from "../organizations/roles.js";
import type * as organizations_tables from "../organizations/tables.js";
import type * as overview_stats from "../overview/stats.js";
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
import type * as private_sqlConsole from "../private/sqlConsole.js";
import type * as private_sqlConsoleActions from "../private/sqlConsoleActions.js";
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
import type * as sqlConsole_history from "../sqlConsole/history.js";
import type * as sqlConsole_run from "../sqlConsole/run.js";
import type * as sqlConsole_tables from "../sqlConsole/tables.js";
import type * as sqlConsole_validators from "../sqlConsole/validators.js";
import type * as system_agentDatabase from "../system/agentDatabase.js";
import type * as system_agentReplies from "../system/agentReplies.js";
import type * as system_answers from "../system/answers.js";
import type * as system_audit from "../system/audit.js";
import type * as system_conversationRecords from "../system/conversationRecords.js";
import type * as system_dashboardClients from "../system/dashboardClients.js";
import type * as system_dataSourcePolicies from "../system/dataSourcePolicies.js";
import type * as system_dataSourceRecords from "../system/dataSourceRecords.js";
import type * as system_dataSources from "../system/dataSources.js";
import type * as system_demo from "../system/demo.js";
import type * as system_demoRecords from "../system/demoRecords.js";
import type * as system_documentRecords from "../system/documentRecords.js";
import type * as system_documents from "../system/documents.js";
import type * as system_expiredClients from "../system/expiredClients.js";
import type * as system_ingestion from "../system/ingestion.js";
import type * as system_ingestionJobs from "../system/ingestionJobs.js";
import type * as system_ingestionRecords from "../system/ingestionRecords.js";
import type * as system_ingestionWrites from "../system/ingestionWrites.js";
import type * as system_knowledge from "../system/knowledge.js";
import type * as system_knowledgePurge from "../system/knowledgePurge.js";
import type * as system_lookupContext from "../system/lookupContext.js";
import type * as system_members from "../system/members.js";
import type * as system_namedLookups from "../system/namedLookups.js";
import type * as system_networkAccess from "../system/networkAccess.js";
import type * as system_playground from "../system/playground.js";
import type * as system_signInAttempts from "../system/signInAttempts.js";
import type * as system_sqlConsoleHistory from "../system/sqlConsoleHistory.js";
import type * as system_verificationMail from "../system/verificationMail.js";
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
  "access/hiddenColumns": typeof access_hiddenColumns;
  "access/policies": typeof access_policies;
  "access/rowScopes": typeof access_rowScopes;
  "access/viewer": typeof access_viewer;
  "accounts/attemptRows": typeof accounts_attemptRows;
  "accounts/backoff": typeof accounts_backoff;
  "accounts/clientTokens": typeof accounts_clientTokens;
  "accounts/dashboardClientsRoute": typeof accounts_dashboardClientsRoute;
  "accounts/passwordLimits": typeof accounts_passwordLimits;
  "accounts/passwordProvider": typeof accounts_passwordProvider;
  "accounts/smtpMailer": typeof accounts_smtpMailer;
  "accounts/tables": typeof accounts_tables;
  "accounts/verificationCode": typeof accounts_verificationCode;
  "agent/answerSources": typeof agent_answerSources;
  "agent/condenseQuestion": typeof agent_condenseQuestion;
  "agent/databaseTools": typeof agent_databaseTools;
  "agent/instructions": typeof agent_instructions;
  "agent/playgroundAsk": typeof agent_playgroundAsk;
  "agent/questionKind": typeof agent_questionKind;
  "agent/sourceRace": typeof agent_sourceRace;
  "agent/tools": typeof agent_tools;
  "agent/turn": typeof agent_turn;
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
  "dataSources/actor": typeof dataSources_actor;
  "dataSources/connection": typeof dataSources_connection;
  "dataSources/customerPreview": typeof dataSources_customerPreview;
  "dataSources/demoReview": typeof dataSources_demoReview;
  "dataSources/draftTest": typeof dataSources_draftTest;
  "dataSources/model": typeof dataSources_model;
  "dataSources/operations": typeof dataSources_operations;
  "dataSources/policyChanges": typeof dataSources_policyChanges;
  "dataSources/secretBox": typeof dataSources_secretBox;
  "dataSources/secretsManager": typeof dataSources_secretsManager;
  "dataSources/sharedConnectors": typeof dataSources_sharedConnectors;
  "dataSources/tables": typeof dataSources_tables;
  "dataSources/validators": typeof dataSources_validators;
  http: typeof http;
  "knowledge/ingestionProgress": typeof knowledge_ingestionProgress;
  "knowledge/jobs": typeof knowledge_jobs;
  "knowledge/ragRows": typeof knowledge_ragRows;
  "knowledge/relevance": typeof knowledge_relevance;
  "knowledge/rowBatch": typeof knowledge_rowBatch;
  "knowledge/rowDocuments": typeof knowledge_rowDocuments;
  "knowledge/rowPassage": typeof knowledge_rowPassage;
  "knowledge/rowRelations": typeof knowledge_rowRelations;
  "knowledge/search": typeof knowledge_search;
  "knowledge/searchIndex": typeof knowledge_searchIndex;
  "knowledge/tables": typeof knowledge_tables;
  "knowledge/uploads": typeof knowledge_uploads;
  "knowledge/validators": typeof knowledge_validators;
  "lib/env": typeof lib_env;
  "lib/errors": typeof lib_errors;
  "lib/functions": typeof lib_functions;
  "lib/rateLimits": typeof lib_rateLimits;
  "lib/textRules": typeof lib_textRules;
  "lookup/agentStatements": typeof lookup_agentStatements;
  "lookup/cell": typeof lookup_cell;
  "lookup/columnMatch": typeof lookup_columnMatch;
  "lookup/conditions": typeof lookup_conditions;
  "lookup/context": typeof lookup_context;
  "lookup/dates": typeof lookup_dates;
  "lookup/displayJoins": typeof lookup_displayJoins;
  "lookup/entities": typeof lookup_entities;
  "lookup/modelSql": typeof lookup_modelSql;
  "lookup/named/args": typeof lookup_named_args;
  "lookup/named/definition": typeof lookup_named_definition;
  "lookup/named/match": typeof lookup_named_match;
  "lookup/named/model": typeof lookup_named_model;
  "lookup/named/run": typeof lookup_named_run;
  "lookup/named/save": typeof lookup_named_save;
  "lookup/ownerFilter": typeof lookup_ownerFilter;
  "lookup/pageCursor": typeof lookup_pageCursor;
  "lookup/pagedStatement": typeof lookup_pagedStatement;
  "lookup/plan": typeof lookup_plan;
  "lookup/rowOrder": typeof lookup_rowOrder;
  "lookup/runLookup": typeof lookup_runLookup;
  "lookup/scopedSql": typeof lookup_scopedSql;
  "lookup/shownColumns": typeof lookup_shownColumns;
  "lookup/sqlTokens": typeof lookup_sqlTokens;
  "lookup/statusWords": typeof lookup_statusWords;
  "lookup/timeFrame": typeof lookup_timeFrame;
  "lookup/words": typeof lookup_words;
  "organizations/model": typeof organizations_model;
  "organizations/roles": typeof organizations_roles;
  "organizations/tables": typeof organizations_tables;
  "overview/stats": typeof overview_stats;
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
  "private/sqlConsole": typeof private_sqlConsole;
  "private/sqlConsoleActions": typeof private_sqlConsoleActions;
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
  "sqlConsole/history": typeof sqlConsole_history;
  "sqlConsole/run": typeof sqlConsole_run;
  "sqlConsole/tables": typeof sqlConsole_tables;
  "sqlConsole/validators": typeof sqlConsole_validators;
  "system/agentDatabase": typeof system_agentDatabase;
  "system/agentReplies": typeof system_agentReplies;
  "system/answers": typeof system_answers;
  "system/audit": typeof system_audit;
  "system/conversationRecords": typeof system_conversationRecords;
  "system/dashboardClients": typeof system_dashboardClients;
  "system/dataSourcePolicies": typeof system_dataSourcePolicies;
  "system/dataSourceRecords": typeof system_dataSourceRecords;
  "system/dataSources": typeof system_dataSources;
  "system/demo": typeof system_demo;
  "system/demoRecords": typeof system_demoRecords;
  "system/documentRecords": typeof system_documentRecords;
  "system/documents": typeof system_documents;
  "system/expiredClients": typeof system_expiredClients;
  "system/ingestion": typeof system_ingestion;
  "system/ingestionJobs": typeof system_ingestionJobs;
  "system/ingestionRecords": typeof system_ingestionRecords;
  "system/ingestionWrites": typeof system_ingestionWrites;
  "system/knowledge": typeof system_knowledge;
  "system/knowledgePurge": typeof system_knowledgePurge;
  "system/lookupContext": typeof system_lookupContext;
  "system/members": typeof system_members;
  "system/namedLookups": typeof system_namedLookups;
  "system/networkAccess": typeof system_networkAccess;
  "system/playground": typeof system_playground;
  "system/signInAttempts": typeof system_signInAttempts;
  "system/sqlConsoleHistory": typeof system_sqlConsoleHistory;
  "system/verificationMail": typeof system_verificationMail;
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
