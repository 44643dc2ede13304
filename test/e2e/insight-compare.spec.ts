/**
 * Comparing rollouts from the What changed drawer, in Chromium through the HTTP shell: an incident with
 * two rollouts (a storage bootstrap fault injected into the second only), then its faulty rollout
 * against a clean staging incident file given by path.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { callEmptyApi, playheadText } from '../support/e2e-page';
import { readE2eState } from '../support/e2e-state';
import { FIXTURE_FAULT_TEMPLATE, fixtureJsonLines, type RolloutFixtureOptions } from '../support/rollout-fixture';

const stamp = Date.now();
const twoRollouts = join(readE2eState().scratchDir, `two-rollouts-${stamp}.hindsight`);
const staging = join(readE2eState().scratchDir, `staging-${stamp}.hindsight`);

/** Creates an incident at `path` in the shell without an incident, imports the fixture's JSON lines into it, and leaves it open there. */
async function importFixture(request: APIRequestContext, path: string, options: RolloutFixtureOptions): Promise<void> {
  const logPath = path.replace(/\.hindsight$/, '.jsonl');
  writeFileSync(logPath, fixtureJsonLines(options));
  await callEmptyApi(request, 'incident.create', { path, title: 'Fixture rollout' });
  await callEmptyApi(request, 'import.paths', { paths: [logPath] });
}

test.beforeAll(async ({ request }) => {
  await importFixture(request, staging, { seed: 1 });
  await importFixture(request, twoRollouts, { seed: 3, rollouts: 2, faultyRollouts: [1] });
});

test.afterAll(async ({ request }) => {
  await callEmptyApi(request, 'incident.close', {});
  for (const path of [twoRollouts, staging]) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  for (const path of [twoRollouts, staging]) rmSync(path.replace(/\.hindsight$/, '.jsonl'), { force: true });
});

test('compares two rollouts side by side, lists what only the faulty one did, and jumps to it; then compares with another incident file', async ({ page }) => {
  await page.goto(readE2eState().emptyUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Fixture rollout');
  await page.getByRole('button', { name: 'What changed' }).click();
  const drawer = page.getByRole('region', { name: 'What changed' });
  await drawer.getByRole('button', { name: 'Compare rollouts…' }).click();

  const sheet = drawer.getByRole('region', { name: 'Compare rollouts' });
  await expect(sheet.getByRole('combobox', { name: 'Rollout A (this incident)' })).toHaveValue('os-rollout-1');
  await expect(sheet.getByRole('radio', { name: 'Another rollout in this incident' })).toBeChecked();
  await expect(sheet.getByRole('combobox', { name: 'Rollout B' })).toHaveValue('os-rollout-2');
  await sheet.getByRole('button', { name: 'Compare', exact: true }).click();

  const table = sheet.getByRole('table', { name: /Side by side/ });
  await expect(table.getByRole('columnheader', { name: 'A: os-rollout-1' })).toBeVisible();
  await expect(table.getByRole('row', { name: /bootstrap, median \/ 90th pct \(differs\) 3\.0 min \/ 3\.0 min 6\.0 min \/ 9\.0 min/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /^Wave 1 wave 1: starts T\+20 min, 4 hosts/ })).toBeVisible();
  await expect(sheet.getByRole('region', { name: 'Differences in phases and outcomes' })).toContainText('bootstrap took a median 3 min in os-rollout-1, 6 min in os-rollout-2.');
  await expect(sheet.getByRole('region', { name: 'Patterns only in A (os-rollout-1)' })).toContainText('None.');
  const onlyInB = sheet.getByRole('region', { name: 'Patterns only in B (os-rollout-2)' }).getByTestId('compare-pattern');
  await expect(onlyInB).toHaveCount(1);
  await expect(onlyInB).toContainText(FIXTURE_FAULT_TEMPLATE);
  await expect(onlyInB).toContainText('0 in A, 96 in B');
  await expect(sheet.getByRole('region', { name: 'Bursts only in B (os-rollout-2)' }).getByTestId('compare-burst').first()).toContainText('service storage-bootstrap.service at T+');

  const jump = onlyInB.getByRole('button', { name: /^Jump to \d\d:\d\d:\d\d: rsync/ });
  const time = /Jump to (\d\d:\d\d:\d\d)/.exec((await jump.getAttribute('aria-label')) ?? '')![1]!;
  await jump.click();
  await expect.poll(() => playheadText(page)).toContain(time);
  await page.screenshot({ path: 'test-results/insight-compare-rollouts.png' });

  await sheet.getByRole('combobox', { name: 'Rollout A (this incident)' }).selectOption('os-rollout-2');
  await sheet.getByRole('radio', { name: 'A rollout in another incident file' }).check();
  await sheet.getByRole('textbox', { name: 'Incident file path' }).fill(staging);
  await sheet.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(table.getByRole('columnheader', { name: /^B: staging/ })).toBeVisible();
  await expect(sheet.getByText(`(${staging}, read only)`)).toBeVisible();
  await expect(sheet.getByRole('region', { name: /^Patterns only in A/ }).getByTestId('compare-pattern')).toContainText(FIXTURE_FAULT_TEMPLATE);
  await expect(sheet.getByRole('region', { name: /^Patterns only in B/ })).toContainText('None.');
  await page.screenshot({ path: 'test-results/insight-compare-files.png' });

  await sheet.getByRole('button', { name: 'Back to findings' }).click();
  await expect(drawer.getByTestId('insight-summary')).toContainText('heuristics');
});
