/**
 * Live follow in the browser shell: the user follows a log that is still being written, sees what it
 * holds, then sees lines appended to it appear in the event list, and stops following.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { callEmptyApi } from '../support/e2e-page';
import { readE2eState } from '../support/e2e-state';

const line = (second: number, level: string, msg: string): string =>
  `${JSON.stringify({ ts: `2026-11-10T14:00:${String(second).padStart(2, '0')}.000Z`, level, host: 'storage-07', service: 'bootstrap', msg })}\n`;

test.afterEach(async ({ request }) => {
  await callEmptyApi(request, 'import.unfollow', {});
  await callEmptyApi(request, 'incident.close', {});
});

test('follow a log that is being written: appended lines appear, and following stops on request', async ({ page, request }) => {
  const { scratchDir, emptyUrl } = readE2eState();
  const stamp = Date.now();
  const logPath = join(scratchDir, `bootstrap-${stamp}.jsonl`);
  writeFileSync(logPath, line(0, 'info', 'bootstrap started') + line(1, 'info', 'fetching segments from storage-03'));
  await callEmptyApi(request, 'incident.create', { path: join(scratchDir, `follow-${stamp}.hindsight`), title: 'Follow spec' });
  await page.goto(emptyUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Follow spec');

  const toggle = page.getByRole('button', { name: /Follow live/ });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  const dialog = page.getByRole('dialog', { name: 'Follow files live' });
  await dialog.getByLabel('Files or folders to follow, one per line').fill(logPath);
  await dialog.getByRole('button', { name: 'Follow' }).click();

  const status = page.getByTestId('follow-status');
  await expect(status).toHaveText('Following 1 file — no new lines yet');
  await expect(page.getByTestId('incident-counts')).toContainText('2 events');
  await expect(page.getByRole('button', { name: 'Following live' })).toHaveAttribute('aria-pressed', 'true');

  appendFileSync(logPath, line(2, 'error', 'rsync panic: segment 118 metadata missing'));
  await expect(page.getByTestId('event-row').filter({ hasText: 'rsync panic: segment 118 metadata missing' })).toBeVisible();
  await expect(page.getByTestId('incident-counts')).toContainText('3 events');
  // The view showed the whole incident, so it grows with it: the new line is on the timeline, not past its edge.
  await expect(page.getByTestId('timeline-summary')).toContainText(/to 2026-11-10 14:00:02\.\d{3} UTC/);
  await expect(status).toHaveText(/^Following 1 file — last line \d+ s ago$/);
  await page.screenshot({ path: 'test-results/follow-live.png' });

  await page.getByRole('button', { name: 'Following live' }).click();
  await expect(status).toBeHidden();
  await expect(page.getByRole('button', { name: 'Follow live…' })).toHaveAttribute('aria-pressed', 'false');
  appendFileSync(logPath, line(3, 'info', 'written after following stopped'));
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('incident-counts')).toContainText('3 events');
});
