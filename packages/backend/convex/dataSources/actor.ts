import type { Infer } from "convex/values";
import type { vActor, vOperation } from "../audit/tables";

/** Who accessed a data source and how (shared by the Node data source code and the job mutations). */
export type Actor = Infer<typeof vActor>;
export type Operation = Infer<typeof vOperation>;
