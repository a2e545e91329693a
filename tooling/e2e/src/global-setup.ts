import { randomUUID } from "node:crypto";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** One id per `vitest run`: the dashboard is built once per run, by the first file that needs it. */
    e2eRunId: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide("e2eRunId", randomUUID());
}
