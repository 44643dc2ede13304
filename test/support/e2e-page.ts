/** Page helpers for the e2e suite: what a user looks at, found by role, name or test id. */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { ApiArgs, ApiMethod, ApiResults } from '../../src/api/contract';
import { readE2eState, tokenOf } from './e2e-state';

/** Opens the shell that has the sample incident open and waits for its lanes. */
export async function openSampleIncident(page: Page): Promise<void> {
  await page.goto(readE2eState().sampleUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rolling OS upgrade');
  await expect(page.getByTestId('lane-label').first()).toBeVisible();
  // NOTE: the event list loads after the lanes; keys pressed before its rows arrive would go nowhere.
  await expect(page.getByTestId('event-row').first()).toBeVisible();
}

/** The playhead time as the readout shows it (`YYYY-MM-DD HH:MM:SS.mmm UTC`). */
export async function playheadText(page: Page): Promise<string> {
  return (await page.getByTestId('playhead-time').textContent()) ?? '';
}

/** The text of the event row the list marks as being at the playhead. */
export async function rowAtPlayhead(page: Page): Promise<string> {
  const row = page.locator('[data-testid="event-row"][data-at-playhead="true"]');
  await expect(row).toBeVisible();
  return (await row.textContent()) ?? '';
}

/** Calls the API of a running shell (given by its URL with token) the way a script would. */
async function callShellApi<M extends ApiMethod>(request: APIRequestContext, shellUrl: string, method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const response = await request.post(new URL(`/api/call/${method}`, shellUrl).href, {
    headers: { 'x-hindsight-token': tokenOf(shellUrl), 'content-type': 'application/json' },
    data: args,
  });
  const envelope = (await response.json()) as { ok: true; value: ApiResults[M] } | { ok: false; error: { message: string } };
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return envelope.value;
}

/**
 * Calls the API of the sample shell the way a script would. Only for looking up facts to check
 * against (e.g. which lines are unparsed); never in place of something a user does in the UI.
 */
export function callSampleApi<M extends ApiMethod>(request: APIRequestContext, method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  return callShellApi(request, readE2eState().sampleUrl, method, args);
}

/**
 * Calls the API of the shell started without an incident, to set up a test's own incident (create it,
 * import its fixture) and to close it afterwards, so the shared sample stays untouched.
 */
export function callEmptyApi<M extends ApiMethod>(request: APIRequestContext, method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  return callShellApi(request, readE2eState().emptyUrl, method, args);
}
