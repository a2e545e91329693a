import {
  lookupInputSchema,
  SUPPORT_TOOL_DESCRIPTIONS,
  SUPPORT_TOOL_NAMES,
} from "@answerbase/models/language";
import { z } from "zod";
import type { NamedLookupDefinition } from "../lookup/named/definition";
import { NAMED_LOOKUP_TOOL_PREFIX, namedLookupInputSchema } from "../lookup/named/run";

/*
 * The organization's lookups as function-calling tools, in the three shapes providers take. The input
 * schemas are the ones the agent's own tools use, so a tool call from another agent validates the
 * same way. Every tool is run by `POST /v1/lookups`.
 */

export type ToolFormat = "openai" | "anthropic" | "bedrock";

interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>;
  return rest;
}

export function toolDefinitions(
  named: readonly Pick<NamedLookupDefinition, "name" | "description" | "parameters">[],
): ToolDefinition[] {
  return [
    {
      name: SUPPORT_TOOL_NAMES.lookup,
      description: SUPPORT_TOOL_DESCRIPTIONS.lookup,
      parameters: jsonSchema(lookupInputSchema),
    },
    ...named.map((lookup) => ({
      name: `${NAMED_LOOKUP_TOOL_PREFIX}${lookup.name}`,
      description: lookup.description,
      parameters: jsonSchema(namedLookupInputSchema(lookup)),
    })),
  ];
}

export function inFormat(tool: ToolDefinition, format: ToolFormat): Record<string, unknown> {
  switch (format) {
    case "openai":
      return { type: "function", function: tool };
    case "anthropic":
      return { name: tool.name, description: tool.description, input_schema: tool.parameters };
    case "bedrock":
      return {
        toolSpec: { name: tool.name, description: tool.description, inputSchema: { json: tool.parameters } },
      };
  }
}
