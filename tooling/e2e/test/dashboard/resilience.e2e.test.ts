// The dashboard for someone on a keyboard, on a flaky connection and on a laptop screen, in Debian's
// Chromium, signed in as the demo account, against the stack `pnpm dev` starts and a production build.
import { DEMO_ACCOUNT } from "@answerbase/dev/start-local-dev";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import type { DashboardPage } from "../../src/dashboard/dashboard-page.ts";
import { dashboardSessionForFile } from "../../src/dashboard/dashboard-session.ts";
import { dropConnections } from "../../src/convex-http.ts";
import { freePort, type Stack } from "../../src/stack.ts";

let stack: Stack;
let app: DashboardPage;
let page: Page;
let pageErrors: Error[];

dashboardSessionForFile((session) => ({ stack, app, page, pageErrors } = session));

/** How the focused element is drawn (outline, ring, background, border), and what it is. */
interface FocusStop {
  testId: string | null;
  name: string;
  insideMenu: boolean;
  look: string;
}

/**
 * The focused element, remembered in the page (window.focusStops) so that its look can be compared
 * with how it is drawn once nothing is focused.
 */
function focusStop(): Promise<FocusStop> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const remembered = ((window as unknown as { focusStops?: (HTMLElement | null)[] }).focusStops ??= []);
    remembered.push(element);
    const style = element ? getComputedStyle(element) : null;
    return {
      testId: element?.getAttribute("data-testid") ?? null,
      name: `${element?.tagName.toLowerCase()} “${(element?.getAttribute("aria-label") ?? element?.textContent ?? "").trim().slice(0, 40)}”`,
      insideMenu: element?.closest('[role="menu"]') != null,
      // An outline of style "none" draws nothing, whatever width the browser's own :focus-visible gives it.
      look: style
        ? `${style.outlineStyle === "none" ? "no outline" : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`} | ${style.boxShadow} | ${style.backgroundColor} | ${style.borderColor}`
        : "",
    };
  });
}

/** The looks of the elements `focusStop` remembered, once nothing is focused; then forgets them. */
function unfocusedLooks(): Promise<string[]> {
  return page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const holder = window as unknown as { focusStops?: (HTMLElement | null)[] };
    const looks = (holder.focusStops ?? []).map((element) => {
      if (element === null) return "";
      const style = getComputedStyle(element);
      return `${style.outlineStyle === "none" ? "no outline" : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`} | ${style.boxShadow} | ${style.backgroundColor} | ${style.borderColor}`;
    });
    holder.focusStops = [];
    return looks;
  });
}

/** Tab stops whose look does not change with the focus (one per element). */
async function invisibleFocus(stops: FocusStop[]): Promise<string[]> {
  const unfocused = await unfocusedLooks();
  const names = stops.filter((stop, i) => stop.look === unfocused[i]).map((s) => s.testId ?? s.name);
  return [...new Set(names)];
}

/**
 * A page load from the address bar: focus starts at the top of the document. Tests that open menus or
 * dialogs start with one, so a test that fails with a menu open cannot block the clicks of the next.
 */
async function load(path: string, title: string) {
  await app.goto(path);
  await heading(title).waitFor({ timeout: 30_000 });
  await page.mouse.move(1, 1);
}

const heading = (title: string) => page.locator("main h1", { hasText: title });

describe("keyboard access", () => {
  it("signs in with the keyboard only", async () => {
    await app.goto("/sign-in");
    // The e-mail field has the focus when the page opens.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("email");
    await page.keyboard.type(DEMO_ACCOUNT.email);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("password");
    await page.keyboard.type(DEMO_ACCOUNT.password);
    await page.keyboard.press("Tab");
    const submit = await focusStop();
    expect(submit.testId).toBe("auth-submit");
    expect(await invisibleFocus([submit])).toEqual([]);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await app.byTestId("active-organization").waitFor({ timeout: 30_000 });
  });

  it("tabs from the top of a page to the organization switcher, then the main navigation in order, with a visible focus", async () => {
    await load("/database", "Database");
    await page.evaluate(() => ((window as unknown as { focusStops?: unknown[] }).focusStops = []));
    const navIds = await page
      .locator('nav[aria-label="Main"] a')
      .evaluateAll((links) => links.map((a) => a.getAttribute("data-testid") ?? ""));
    expect(navIds).toEqual(
      expect.arrayContaining([
        "nav-conversations",
        "nav-playground",
        "nav-database",
        "nav-knowledge",
        "nav-widget",
        "nav-members",
        "nav-audit",
      ]),
    );
    const stops: FocusStop[] = [];
    for (let i = 0; i < navIds.length + 4 && stops.at(-1)?.testId !== navIds.at(-1); i++) {
      await page.keyboard.press("Tab");
      stops.push(await focusStop());
    }
    const order = stops.map((s) => s.testId);
    const switcherAt = order.indexOf("organization-switcher");
    expect(switcherAt).toBeGreaterThanOrEqual(0);
    expect(order.slice(switcherAt + 1, switcherAt + 1 + navIds.length)).toEqual(navIds);
    expect(await invisibleFocus(stops)).toEqual([]);
  });

  for (const [path, title] of [
    ["database", "Database"],
    ["widget", "Widget"],
  ] as const) {
    it(`shows where the focus is at every Tab stop of the ${title} page`, async () => {
      await load(`/${path}`, title);
      if (path === "database") {
        // With a table open: the tabs, the grid's controls and its column handles are stops too.
        await app.table("public.orders").click();
        await page.locator('[data-testid="grid-body"] tr').first().waitFor({ timeout: 30_000 });
        await page.mouse.move(1, 1);
      }
      await page.evaluate(() => ((window as unknown as { focusStops?: unknown[] }).focusStops = []));
      const stops: FocusStop[] = [];
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        const stop = await focusStop();
        if (stop.name.startsWith("body")) break;
        stops.push(stop);
      }
      expect(stops.length).toBeGreaterThan(5);
      expect(await invisibleFocus(stops)).toEqual([]);
    });
  }

  it("opens a page from the navigation with Enter", async () => {
    await load("/database", "Database");
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      if ((await focusStop()).testId === "nav-knowledge") break;
    }
    await page.keyboard.press("Enter");
    await page.waitForURL("**/knowledge");
    await heading("Knowledge").waitFor();
  });

  it("opens the organization switcher with Enter and closes it with Escape, focus back on the switcher", async () => {
    await app.byTestId("organization-switcher").focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menu").waitFor();
    // Radix moves the focus into the menu a frame after it appears.
    await expect.poll(async () => (await focusStop()).insideMenu).toBe(true);
    await page.keyboard.press("Escape");
    await page.getByRole("menu").waitFor({ state: "detached" });
    // Radix gives focus back in the frame after the menu closes.
    await expect.poll(async () => (await focusStop()).testId).toBe("organization-switcher");
  });

  it("opens “New organization” from the switcher with the keyboard; Escape returns focus to the switcher", async () => {
    await app.byTestId("organization-switcher").focus();
    await page.keyboard.press("Space");
    await page.getByRole("menu").waitFor();
    // End before the focus is in the menu would go to the switcher: wait for the menu to take it.
    await expect.poll(async () => (await focusStop()).insideMenu).toBe(true);
    await page.keyboard.press("End");
    expect((await focusStop()).testId).toBe("new-organization");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("organization-name");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await expect.poll(async () => (await focusStop()).testId).toBe("organization-switcher");
  });

  it("opens a confirmation with Space and closes it with Escape, focus back on its button", async () => {
    await load("/database", "Database");
    await app.byTestId("disconnect").focus();
    await page.keyboard.press("Space");
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(async () => (await focusStop()).testId).toBe("disconnect");
    expect(await app.byTestId("status-card").isVisible()).toBe(true);
  });
});

describe("a lost connection", () => {
  it("shows the reconnecting banner, keeps the page, and applies a save made while disconnected", async () => {
    await load("/widget", "Widget");
    await app.byTestId("widget-settings-form").waitFor({ timeout: 30_000 });
    const greeting = `Saved while offline ${Date.now()}`;
    await app.byTestId("widget-greeting").fill(greeting);

    await dropConnections(stack, 3_000);
    await app.byTestId("reconnecting-banner").waitFor({ timeout: 10_000 });
    await app.byTestId("widget-save").click();

    // Until the banner goes: the heading, the navigation and the form stay on screen.
    const blank: string[] = [];
    while (await app.byTestId("reconnecting-banner").isVisible()) {
      for (const [what, locator] of [
        ["heading", heading("Widget")],
        ["navigation", page.locator('nav[aria-label="Main"]')],
        ["form", app.byTestId("widget-settings-form")],
      ] as const)
        if (!(await locator.isVisible())) blank.push(what);
      await page.waitForTimeout(200);
    }
    expect(blank).toEqual([]);
    await app.byTestId("reconnecting-banner").waitFor({ state: "detached", timeout: 30_000 });
    await page.getByText("Widget settings saved").waitFor({ timeout: 30_000 });

    await page.reload();
    await app.byTestId("widget-settings-form").waitFor({ timeout: 30_000 });
    expect(await app.byTestId("widget-greeting").inputValue()).toBe(greeting);
  });
});

describe("laptop screens", () => {
  const PAGES = [
    ["database", "Database"],
    ["knowledge", "Knowledge"],
    ["conversations", "Conversations"],
    ["playground", "Playground"],
    ["widget", "Widget"],
    ["members", "Members"],
    ["audit", "Audit log"],
  ] as const;

  for (const [width, height] of [
    [1280, 720],
    [1024, 768],
  ] as const) {
    it(`fits every main page at ${width}×${height}: no sideways scrolling, the heading in view`, async () => {
      await page.setViewportSize({ width, height });
      await load("/database", "Database");
      const problems: string[] = [];
      for (const [path, title] of PAGES) {
        await app.nav(path);
        await heading(title).waitFor({ timeout: 30_000 });
        // Let live queries fill the page: overflow comes from content, not from the skeletons.
        await page.waitForTimeout(1_000);
        if (path === "database") {
          await app.table("public.orders").click();
          await page.locator('[data-testid="grid-body"] tr').first().waitFor({ timeout: 30_000 });
        }
        const fit = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
          innerWidth: window.innerWidth,
        }));
        if (fit.scrollWidth > fit.innerWidth)
          problems.push(`/${path}: page is ${fit.scrollWidth} px wide in a ${fit.innerWidth} px window`);
        const box = await heading(title).boundingBox();
        if (!box || box.x < 0 || box.x + box.width > width || box.y < 0 || box.y + box.height > height)
          problems.push(`/${path}: heading outside the window (${JSON.stringify(box)})`);
      }
      expect(problems).toEqual([]);
    });
  }

  afterAll(() => page.setViewportSize({ width: 1280, height: 800 }));
});

describe("backend errors", () => {
  it("a database that does not answer: the page stays, each failing section says what to do next", async () => {
    await load("/database", "Database");
    await app.byTestId("edit-connection").click();
    await page.getByRole("button", { name: "Choose another provider" }).click();
    const nowhere = `postgres://answerbase@127.0.0.1:${await freePort()}/nowhere`;
    await app.connect("postgres", { connectionString: nowhere });
    await expect
      .poll(() => app.byTestId("connect-error").innerText(), { timeout: 30_000 })
      .toMatch(/host and port/);
    // The failed test saved nothing; saving the unreachable database is an explicit choice.
    await app.byTestId("connect-save-anyway").click();

    const tablesError = app.byTestId("tables-error");
    await tablesError.waitFor({ timeout: 30_000 });
    expect(await tablesError.getAttribute("role")).toBe("alert");
    expect(await tablesError.innerText()).toMatch(/Could not load the tables[\s\S]*host and port/);
    await expect.poll(() => app.byTestId("status-error").innerText()).toMatch(/host and port/);
    expect(await heading("Database").isVisible()).toBe(true);
    expect(await page.locator('nav[aria-label="Main"]').isVisible()).toBe(true);
    // "Try again" asks again, and fails the same way without blanking the page.
    await tablesError.getByRole("button", { name: "Try again" }).click();
    await expect.poll(() => tablesError.innerText(), { timeout: 30_000 }).toMatch(/host and port/);

    // Back to the demo database, as the seed connected it.
    await app.byTestId("edit-connection").click();
    await page.getByRole("button", { name: "Choose another provider" }).click();
    await app.connect("neon", { connectionString: stack.dev.stack.demo.connectionString });
    await expect.poll(() => app.status().innerText(), { timeout: 30_000 }).toBe("Connected");
    await app.table("public.orders").waitFor({ timeout: 30_000 });
  });
});

it("had no uncaught errors in the page", () => {
  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
