// The widget when `pnpm dev`'s Convex server dies mid-conversation (kill -9): the supervisor starts it
// again, the widget says it is reconnecting, then carries on with the same session and conversation.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type Browser } from "../src/browser.ts";
import { startStack, type Stack } from "../src/stack.ts";
import { WidgetPage } from "../src/widget-page.ts";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ knowledgeBase: false }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The `local-convex serve` process under the `local-convex dev` supervisor (tsx has a child there too). */
function serverPid(supervisorPid: number): number | null {
  try {
    const out = execFileSync("pgrep", ["-P", String(supervisorPid), "-f", " serve "], { encoding: "utf8" });
    return Number(out.trim().split("\n")[0]);
  } catch {
    return null; // between the crash and the restart
  }
}

describe("the widget while the dev server is killed and restarted", () => {
  it("shows it is reconnecting, then answers in the same conversation", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.dev.widget.demoUrl}/`);
    const widget = new WidgetPage(page);
    await widget.launcher.waitFor();
    await widget.open();
    await widget.composer.waitFor();
    expect(await widget.ask("Where is my order #1001?")).toContain("1Z999AA10123456784");

    const supervisor = stack.dev.convex.pid!;
    const killed = serverPid(supervisor)!;
    process.kill(killed, "SIGKILL");
    await widget.byTestId("connection-banner").waitFor({ timeout: 30_000 });
    await expect.poll(() => serverPid(supervisor), { timeout: 60_000 }).not.toBeOneOf([null, killed]);
    await widget.byTestId("connection-banner").waitFor({ state: "detached", timeout: 60_000 });

    // The session and the conversation survived the crash (the state file), so the reply lands below the first.
    const reply = await widget.ask("And where is order #1001 now?");
    expect(reply).toContain("1Z999AA10123456784");
    await expect.poll(() => widget.assistantMessages().count()).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => widget.frame.locator('[data-testid="message"][data-role="user"]').count())
      .toBe(2);
  });
});
