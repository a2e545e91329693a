"use node";

import { v } from "convex/values";
import { vAccessPolicy, vSummary } from "../dataSources/tables";
import { customerView, vCustomerView } from "../dataSources/customerPreview";
import { vPreviewPage, vTableRef, vTableSummary, vTestResult } from "../dataSources/validators";
import {
  disconnectDataSource,
  listTables as listTablesOf,
  previewRows as previewRowsOf,
  saveDataSource,
  testConnection as testConnectionOf,
} from "../dataSources/operations";
import { testDraftConnection } from "../dataSources/draftTest";
import { adminAction, memberAction } from "../lib/functions";
import type { Member } from "../organizations/roles";

/* The Database page's actions. Node: the drivers speak TCP and the AWS SDK. */

const acting = (member: Member) => ({
  organizationId: member.organizationId,
  actor: { kind: "member" as const, userId: member.userId },
});

/** `config` is checked field by field by the connectors' schema (errors name each field). */
export const save = adminAction({
  args: { config: v.any() },
  returns: vSummary,
  handler: (ctx, { config }) =>
    saveDataSource(ctx, { ...acting(ctx.member), userId: ctx.member.userId }, config),
});

export const testConnection = adminAction({
  args: {},
  returns: vTestResult,
  handler: (ctx) => testConnectionOf(ctx, acting(ctx.member)),
});

/** Tests a config without saving it: the connect form offers "Save" after this passes. */
export const testConfig = adminAction({
  args: { config: v.any() },
  returns: vTestResult,
  handler: (ctx, { config }) => testDraftConnection(ctx, acting(ctx.member), config),
});

export const checkHealth = memberAction({
  args: {},
  returns: vTestResult,
  handler: (ctx) => testConnectionOf(ctx, acting(ctx.member), "health_check"),
});

export const listTables = memberAction({
  args: {},
  returns: v.array(vTableSummary),
  handler: (ctx) => listTablesOf(ctx, acting(ctx.member)),
});

export const previewRows = adminAction({
  args: { ...vTableRef, cursor: v.optional(v.union(v.string(), v.null())), limit: v.optional(v.number()) },
  returns: vPreviewPage,
  handler: (ctx, request) => previewRowsOf(ctx, acting(ctx.member), request),
});

/** The rows the widget would give a customer (or a visitor) from a table under a draft policy. */
export const previewAsCustomer = adminAction({
  args: { ...vTableRef, policy: vAccessPolicy, email: v.union(v.string(), v.null()) },
  returns: vCustomerView,
  handler: (ctx, request) => customerView(ctx, acting(ctx.member), request),
});

export const disconnect = adminAction({
  args: {},
  returns: v.null(),
  handler: (ctx) => disconnectDataSource(ctx, acting(ctx.member)),
});
