import { answerRoutes } from "./answerRoutes";
import { conversationRoutes } from "./conversationRoutes";
import { lookupRoutes } from "./lookupRoutes";
import { openApiDocument } from "./openapi";
import { sqlRoutes } from "./sqlRoutes";
import { json, route, type ApiRoute } from "./route";
import { emptyQuerySchema } from "./schemas";
import { z } from "zod";

/** Every /v1 route: the router serves exactly these and the OpenAPI document lists exactly these. */
export const ROUTES: readonly ApiRoute<never, never>[] = [
  route({
    method: "GET",
    path: "/v1/openapi.json",
    operationId: "openApiDocument",
    summary: "This API's OpenAPI 3.1 document",
    scope: null,
    query: emptyQuerySchema,
    response: z.record(z.string(), z.unknown()),
    handle: ({ origin }) => Promise.resolve(json(openApiDocument(ROUTES, origin))),
  }),
  ...lookupRoutes,
  ...answerRoutes,
  ...conversationRoutes,
  ...sqlRoutes,
];
