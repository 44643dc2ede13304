/** The "What changed" panel on the sample incident: it lists the rsync finding with its numbers, and Jump moves the playhead there. */
import { expect, test } from '@playwright/test';
import { playheadText } from '../support/e2e-page';
import { readE2eState } from '../support/e2e-state';

test('shows the new rsync pattern with why it was raised, and Jump moves the playhead to its first occurrence', async ({ page }) => {
  await page.goto(readE2eState().sampleUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rolling OS upgrade');
  await page.getByRole('button', { name: 'What changed' }).click();
  const panel = page.getByRole('region', { name: 'What changed' });
  await expect(panel.getByTestId('insight-summary')).toContainText('heuristics', { timeout: 60_000 });
  const rsync = panel.getByTestId('insight-finding').filter({ hasText: 'rsync: failed to open segment <*> metadata' });
  await expect(rsync).toHaveCount(1);
  await expect(rsync).toContainText(/first seen (\d\d:\d\d:\d\d) on storage-\d\d/);
  const firstSeen = /first seen (\d\d:\d\d:\d\d)/.exec((await rsync.textContent()) ?? '')![1]!;

  await rsync.getByText('Why').click();
  await expect(rsync.getByRole('definition').first()).toBeVisible();
  await expect(rsync).toContainText('hosts where it began after their own upgrade started');

  const before = await playheadText(page);
  await rsync.getByRole('button', { name: /^Jump to:/ }).click();
  await expect.poll(() => playheadText(page)).not.toBe(before);
  expect(await playheadText(page)).toContain(firstSeen);
  await page.screenshot({ path: 'test-results/insight-panel.png' });
});
