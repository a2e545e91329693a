import { describeLocalStack } from "../describe-stack.ts";
import type { LocalCloudEnv } from "../env.ts";
import type { LocalStack } from "../local-stack.ts";

/** Prints where each service listens and how to reach the demo database through each provider. */
export function printServices(stack: Omit<LocalStack, "stop"> & { env: LocalCloudEnv }) {
  console.log("\nAnswerbase local cloud is running.\n");
  for (const line of describeLocalStack(stack)) console.log(line);
  console.log(`\nState: ${stack.env.ANSWERBASE_STATE_DIR} (delete it to start from a fresh demo database).`);
  console.log("Press Ctrl+C to stop.\n");
}
