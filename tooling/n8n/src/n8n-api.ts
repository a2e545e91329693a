import { readFileSync } from "node:fs";

/*
 * Installing and activating workflows the way an n8n user does it, through n8n's public API
 * (`/api/v1`, the documented and versioned one), not `n8n import:workflow` + `n8n update:workflow`:
 * in 1.123 activation points the workflow's `activeVersionId` at its `versionId` in `workflow_history`
 * (a foreign key), and `import:workflow` writes no history row, so activating an imported workflow
 * fails with `SQLITE_CONSTRAINT: FOREIGN KEY constraint failed` — from the CLI and from the REST API
 * alike. `POST /api/v1/workflows` saves the first version with the workflow.
 *
 * The public API needs an API key, which needs a signed-in user: the first steps are the ones the
 * editor's set-up screen and Settings → n8n API take, on n8n's internal REST API (`/rest`, cookie auth).
 */

/** The public API scopes the suite's key gets: create and activate workflows, nothing else. */
const API_KEY_SCOPES = ["workflow:create", "workflow:activate"];

export interface Owner {
  email: string;
  password: string;
}

export interface ActivatedWorkflow {
  id: string;
  name: string;
  versionId: string;
}

/** A request to n8n whose non-2xx answer is an error carrying the method, path, status and body. */
async function send(url: string, init: RequestInit & { method: string }): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.ok) {
    throw new Error(
      `n8n ${init.method} ${new URL(url).pathname}: ${response.status} ${await response.text()}`,
    );
  }
  return response;
}

/**
 * Claims the fresh instance (`POST /rest/owner/setup`, what the first screen of the editor does) and
 * returns the session cookie n8n sets. Only possible once per database.
 */
export async function setUpOwner(n8nUrl: string, owner: Owner): Promise<string> {
  const response = await send(`${n8nUrl}/rest/owner/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...owner, firstName: "Answerbase", lastName: "Suite" }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .find((pair) => pair.startsWith("n8n-auth="));
  if (cookie === undefined) throw new Error("n8n owner set-up answered without an n8n-auth cookie");
  return cookie;
}

/** A public API key for the signed-in user (Settings → n8n API → Create an API key), never expiring. */
export async function createApiKey(n8nUrl: string, sessionCookie: string, label: string): Promise<string> {
  const response = await send(`${n8nUrl}/rest/api-keys`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: sessionCookie },
    body: JSON.stringify({ label, scopes: API_KEY_SCOPES, expiresAt: null }),
  });
  const { data } = (await response.json()) as { data: { rawApiKey?: string } };
  if (typeof data.rawApiKey !== "string") throw new Error("n8n created an API key but did not return it");
  return data.rawApiKey;
}

/**
 * Creates the workflow in a workflow file (`POST /api/v1/workflows`, the file sent as it is, so the
 * shipped files must keep to the public API's workflow schema) and activates the version just saved.
 */
export async function installWorkflow(
  n8nUrl: string,
  apiKey: string,
  file: string,
): Promise<ActivatedWorkflow> {
  const headers = { "content-type": "application/json", "x-n8n-api-key": apiKey };
  const created = (await (
    await send(`${n8nUrl}/api/v1/workflows`, {
      method: "POST",
      headers,
      body: readFileSync(file, "utf8"),
    })
  ).json()) as ActivatedWorkflow;
  const activated =
    (await // No body: with draft/publish off (1.123's default) n8n activates the workflow's current version.
    (
      await send(`${n8nUrl}/api/v1/workflows/${created.id}/activate`, {
        method: "POST",
        headers: { "x-n8n-api-key": apiKey },
      })
    ).json()) as { active: boolean; activeVersionId?: string | null };
  if (!activated.active || activated.activeVersionId !== created.versionId) {
    throw new Error(`n8n did not activate "${created.name}": ${JSON.stringify(activated)}`);
  }
  return { id: created.id, name: created.name, versionId: created.versionId };
}
