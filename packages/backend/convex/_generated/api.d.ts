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
import type * as dataSources_tables from "../dataSources/tables.js";
import type * as dataSources_validators from "../dataSources/validators.js";
import type * as http from "../http.js";
import type * as lib_accessPolicies from "../lib/accessPolicies.js";
import type * as lib_dataSourceAccess from "../lib/dataSourceAccess.js";
import type * as lib_dataSourceOperations from "../lib/dataSourceOperations.js";
import type * as lib_env from "../lib/env.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_members from "../lib/members.js";
import type * as lib_rateLimits from "../lib/rateLimits.js";
import type * as lib_secretBox from "../lib/secretBox.js";
import type * as lib_secretsManager from "../lib/secretsManager.js";
import type * as organizations_model from "../organizations/model.js";
import type * as organizations_tables from "../organizations/tables.js";
import type * as private_auditLog from "../private/auditLog.js";
import type * as private_dataSourceActions from "../private/dataSourceActions.js";
import type * as private_dataSources from "../private/dataSources.js";
import type * as private_invitations from "../private/invitations.js";
import type * as private_members from "../private/members.js";
import type * as private_organizations from "../private/organizations.js";
import type * as system_audit from "../system/audit.js";
import type * as system_dataSourcePolicies from "../system/dataSourcePolicies.js";
import type * as system_dataSourceRecords from "../system/dataSourceRecords.js";
import type * as system_dataSources from "../system/dataSources.js";
import type * as system_demo from "../system/demo.js";
import type * as system_demoRecords from "../system/demoRecords.js";
import type * as system_members from "../system/members.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  "audit/tables": typeof audit_tables;
  auth: typeof auth;
  "dataSources/tables": typeof dataSources_tables;
  "dataSources/validators": typeof dataSources_validators;
  http: typeof http;
  "lib/accessPolicies": typeof lib_accessPolicies;
  "lib/dataSourceAccess": typeof lib_dataSourceAccess;
  "lib/dataSourceOperations": typeof lib_dataSourceOperations;
  "lib/env": typeof lib_env;
  "lib/errors": typeof lib_errors;
  "lib/functions": typeof lib_functions;
  "lib/members": typeof lib_members;
  "lib/rateLimits": typeof lib_rateLimits;
  "lib/secretBox": typeof lib_secretBox;
  "lib/secretsManager": typeof lib_secretsManager;
  "organizations/model": typeof organizations_model;
  "organizations/tables": typeof organizations_tables;
  "private/auditLog": typeof private_auditLog;
  "private/dataSourceActions": typeof private_dataSourceActions;
  "private/dataSources": typeof private_dataSources;
  "private/invitations": typeof private_invitations;
  "private/members": typeof private_members;
  "private/organizations": typeof private_organizations;
  "system/audit": typeof system_audit;
  "system/dataSourcePolicies": typeof system_dataSourcePolicies;
  "system/dataSourceRecords": typeof system_dataSourceRecords;
  "system/dataSources": typeof system_dataSources;
  "system/demo": typeof system_demo;
  "system/demoRecords": typeof system_demoRecords;
  "system/members": typeof system_members;
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
};
