/**
 * Runbooks in the real UI: the right runbook appears beside the timeline when the playhead reaches its
 * events, ticking a step puts it on the timeline's runbook lane with the responder's name, and a broken
 * runbook file is reported (file, line, reason) while the others load.
 * The sample shell is only read here; changes happen in an incident of our own on the empty shell,
 * which is closed again (and our runbook folder removed) at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { callEmptyApi } from '../support/e2e-page';
import { readE2eState } from '../support/e2e-state';

async function goTo(page: Page, time: string): Promise<void> {
  await page.getByLabel('Go to (UTC)').fill(time);
  await page.getByRole('button', { name: 'Go', exact: true }).click();
}


test('the rsync runbook appears at the first rsync panic and leaves again, and opens with its steps and commands', async ({ page }) => {
  // The first open of the sample also builds its density tables and links the runbooks: allow for that.
  await page.goto(readE2eState().sampleUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rolling OS upgrade');
  await expect(page.getByTestId('lane-label').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Runbooks' }).click();
  const panel = page.getByRole('region', { name: 'Runbooks' });
  await goTo(page, '2026-11-10 11:40:00');
  await expect(panel.getByTestId('runbook-here').filter({ hasText: 'segment metadata missing' })).toHaveCount(0);

  await goTo(page, '2026-11-10 13:16:30');
  const rsync = panel.getByTestId('runbook-here').filter({ hasText: 'rsync: segment metadata missing' });
  await expect(rsync).toBeVisible();
  await expect(rsync).toContainText(/matching now · \d+ matching events, 13:15:56–13:23:29 UTC/);
  await expect(panel.getByTestId('runbook-here').filter({ hasText: 'Storage node bootstrap stuck or failed' })).toBeVisible();

  await goTo(page, '2026-11-10 14:00:00.800');
  await expect(panel.getByTestId('runbook-here').filter({ hasText: 'Scheduled jobs colliding with a rollout' })).toContainText('matching now');

  await rsync.getByRole('button', { name: 'rsync: segment metadata missing during storage bootstrap', exact: true }).click();
  const viewer = panel.getByTestId('runbook-viewer');
  await expect(viewer.getByRole('heading', { name: /rsync: segment metadata missing/ })).toBeVisible();
  await expect(viewer.getByRole('checkbox', { name: /^Step 1: Find the peer/ })).not.toBeChecked();
  await expect(viewer.getByRole('button', { name: /^Copy command: journalctl -u storage-bootstrap/ })).toBeVisible();
  await expect(viewer.locator('script, iframe, img')).toHaveCount(0);
  await viewer.getByRole('button', { name: '← Back' }).click();

  await panel.getByRole('button', { name: 'Library' }).click();
  await panel.getByRole('searchbox', { name: 'Search runbooks' }).fill('cron');
  await expect(panel.getByTestId('runbook-library').getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByTestId('runbook-library')).toContainText('Scheduled jobs colliding with a rollout');
});

test('a bar on the timeline’s runbook lane opens its runbook and moves the playhead to its first match', async ({ page }) => {
  await page.goto(readE2eState().sampleUrl);
  await expect(page.getByTestId('lane-label').first()).toBeVisible({ timeout: 30_000 });
  const bar = page.getByTestId('runbook-link-bar').and(page.locator('[title^="rsync: segment metadata missing"]')).first();
  const title = (await bar.getAttribute('title')) ?? '';
  const firstMatch = /from (\d\d:\d\d:\d\d)/.exec(title)?.[1];
  expect(firstMatch, title).toBeDefined();
  await bar.click();
  await expect(page.getByTestId('playhead-time')).toContainText(firstMatch!);
  const viewer = page.getByRole('region', { name: 'Runbooks' }).getByTestId('runbook-viewer');
  await expect(viewer.getByRole('heading', { name: /rsync: segment metadata missing/ })).toBeVisible();
});

test('ticking a step records it with my name on the runbook lane, and a broken runbook file is listed while the rest load', async ({ page, request }) => {
  const { scratchDir } = readE2eState();
  const dir = join(scratchDir, `runbooks-e2e-${Date.now()}`);
  const folder = join(dir, 'team-runbooks');
  mkdirSync(folder, { recursive: true });
  const logPath = join(dir, 'storage.jsonl');
  writeFileSync(
    logPath,
    [
      { ts: '2026-11-10T13:15:56Z', level: 'error', host: 'storage-09', service: 'storage-bootstrap.service', msg: 'rsync: failed to open segment 0fb6c928 metadata: No such file or directory' },
      { ts: '2026-11-10T13:15:56.400Z', level: 'fatal', host: 'storage-09', service: 'storage-bootstrap.service', msg: 'panic: segment 0fb6c928: data file present but metadata missing (copied out of order)' },
      { ts: '2026-11-10T13:20:00Z', level: 'info', host: 'storage-09', service: 'storage-bootstrap.service', msg: 'bootstrap complete in 240s' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n') + '\n',
  );
  writeFileSync(join(folder, 'broken.md'), '---\nid: broken\ntitle: Broken\nsummary: s\nowner: o\nseverity: loud\n---\n- [ ] nothing\n');
  writeFileSync(
    join(folder, 'team-check.md'),
    '---\nid: team-check\ntitle: Team storage check\nsummary: Our own check.\nowner: team\nseverity: low\nmatch: { host: "storage-*" }\n---\n- [ ] Look at it\n',
  );
  await callEmptyApi(request, 'incident.create', { path: join(dir, 'runbooks.hindsight'), title: 'Runbook drill' });
  try {
    await callEmptyApi(request, 'import.paths', { paths: [logPath] });
    await page.goto(readE2eState().emptyUrl);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Runbook drill');
    await page.getByRole('tab', { name: 'Runbooks' }).click();
    const panel = page.getByRole('region', { name: 'Runbooks' });

    await panel.getByRole('button', { name: 'Library' }).click();
    await panel.getByRole('button', { name: 'Add folder…' }).click();
    await page.getByLabel('Folder path').fill(folder);
    await page.getByRole('button', { name: 'Add folder', exact: true }).click();
    const invalid = panel.getByTestId('runbook-invalid');
    await expect(invalid).toContainText('1 file could not be loaded');
    await expect(invalid).toContainText(`${join(folder, 'broken.md')}:6`);
    await expect(invalid).toContainText('"severity"');
    await expect(panel.getByTestId('runbook-library')).toContainText('Team storage check');
    await expect(panel.getByTestId('runbook-library')).toContainText('rsync: segment metadata missing');

    await panel.getByLabel('Your name (recorded on every step)').fill('priya');
    await panel.getByRole('button', { name: 'Here' }).click();
    await goTo(page, '2026-11-10 13:16:00');
    await panel.getByRole('button', { name: /^rsync: segment metadata missing/ }).click();
    const viewer = panel.getByTestId('runbook-viewer');
    await viewer.getByLabel('Record steps at').selectOption('playhead');
    await goTo(page, '2026-11-10 13:17:00');
    await viewer.getByRole('checkbox', { name: /^Step 1: Find the peer/ }).check();
    await expect(viewer.getByRole('checkbox', { name: /^Step 1: Find the peer/ })).toBeChecked();
    await expect(viewer).toContainText('Done by priya at 13:17:00 UTC');
    await goTo(page, '2026-11-10 13:18:00');
    await viewer.getByRole('checkbox', { name: /^Step 3: Count how many nodes/ }).check();

    const log = viewer.getByTestId('runbook-log');
    await expect(log.getByRole('listitem')).toHaveText([/13:17:00.*priya ticked step 1: Find the peer/, /Skipped step 2: Look at the segment/, /13:18:00.*priya ticked step 3/]);
    const markers = page.getByTestId('runbook-step-marker');
    await expect(markers).toHaveCount(2);
    await expect(markers.first()).toHaveAccessibleName(/^priya ticked step 1 of rsync: segment metadata missing during storage bootstrap at 13:17:00/);

    await viewer.getByRole('checkbox', { name: /^Step 3: Count how many nodes/ }).uncheck();
    await expect(markers).toHaveCount(3);
    await expect(log.getByRole('listitem').last()).toHaveText(/priya unticked step 3/);
  } finally {
    await callEmptyApi(request, 'runbooks.removeFolder', { path: folder });
    await callEmptyApi(request, 'incident.close', {});
  }
});
