import { z } from "zod";
import { problemSchema } from "./problem";
import type { ApiRoute } from "./route";

/*
 * The OpenAPI 3.1 document of /v1, generated from the route table: every route, its scope, and the
 * JSON Schemas of the very zod schemas its requests are validated with (`io: "input"`: what a caller
 * sends, defaults optional) and its answers are built to. OpenAPI 3.1 schemas are JSON Schema 2020-12,
 * zod's default target.
 */

export const API_VERSION = "1.0.0";
const PROBLEM_REF = { $ref: "#/components/responses/Problem" };

function schemaOf(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

function queryParameters(schema: z.ZodType | undefined) {
  if (schema === undefined) return [];
  const json = schemaOf(schema, "input") as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
  }));
}

function operation(route: ApiRoute<never, never>) {
  const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name: name!,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const idempotency =
    route.method === "POST"
      ? [
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            description:
              "Replays the stored answer of the same POST with the same key for 24 h; the same key with another body is 422.",
            schema: { type: "string", minLength: 1, maxLength: 255 },
          },
        ]
      : [];
  const errors = route.scope === null ? ["500"] : ["400", "401", "403", "404", "429", "500"];
  if (route.method === "POST") errors.push("413", "415", "422");
  if (route.scope === "sql") errors.push("409", "502");
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    security: route.scope === null ? [] : [{ apiKey: [] }],
    ...(route.scope === null ? {} : { "x-required-scope": route.scope }),
    parameters: [...pathParameters, ...queryParameters(route.query), ...idempotency],
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schemaOf(route.body, "input") } },
          },
        }),
    responses: {
      "200": {
        description: "OK",
        content: {
          "application/json": { schema: schemaOf(route.response, "output") },
          ...(route.streams === true
            ? { "text/event-stream": { schema: { type: "string", description: "Server-sent events." } } }
            : {}),
        },
      },
      ...Object.fromEntries(errors.sort().map((status) => [status, PROBLEM_REF])),
    },
  };
}

export function openApiDocument(routes: readonly ApiRoute<never, never>[], serverUrl: string | undefined) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Answerbase API",
      version: API_VERSION,
      description:
        "Answers, lookups and conversations of one organization, with an organization API key (`Authorization: Bearer ab_live_…`). Errors are `application/problem+json` with a stable `code`.",
    },
    ...(serverUrl === undefined ? {} : { servers: [{ url: serverUrl }] }),
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An organization API key." },
      },
      schemas: { Problem: schemaOf(problemSchema, "output") },
      responses: {
        Problem: {
          description: "A problem (see `code`).",
          content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
        },
      },
    },
  };
}
