// pg-cursor ships no types; the bench uses only this much of it.
declare module "pg-cursor" {
  import type { Submittable } from "pg";
  export default class Cursor<Row = Record<string, unknown>> implements Submittable {
    constructor(text: string, values?: unknown[]);
    submit: Submittable["submit"];
    read(rowCount: number): Promise<Row[]>;
    close(): Promise<void>;
  }
}
