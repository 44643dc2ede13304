/** The start screen, through a real HTTP shell started with no incident. */
import { expect, test } from '@playwright/test';
import { readE2eState } from '../support/e2e-state';

test.describe.configure({ mode: 'serial' });

test('shows the three ways to start and the recent incidents', async ({ page }) => {
  await page.goto(readE2eState().emptyUrl);
  await expect(page.getByRole('heading', { name: 'Hindsight', level: 1 })).toBeVisible();
  for (const name of ['Open sample incident', 'New incident…', 'Open incident…']) {
    await expect(page.getByRole('button', { name })).toBeEnabled();
  }
  await expect(page.getByRole('region', { name: 'Recent incidents' })).toBeVisible();
  await page.screenshot({ path: 'test-results/start-screen.png' });
});

test('New incident asks for a path in the page, prefilled in the default folder', async ({ page }) => {
  await page.goto(readE2eState().emptyUrl);
  await page.getByRole('button', { name: 'New incident…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await expect(dialog).toBeVisible();
  const field = dialog.getByLabel('File path for the new incident');
  await expect(field).toHaveValue(/\/incident-\d{8}-\d{4}\.hindsight$/);
  await page.screenshot({ path: 'test-results/new-incident-dialog.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('opening a file that is not there says why in one sentence', async ({ page }) => {
  await page.goto(readE2eState().emptyUrl);
  await page.getByRole('button', { name: 'Open incident…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open incident' });
  await dialog.getByLabel('Incident file path').fill(`${readE2eState().scratchDir}/missing.hindsight`);
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open sample incident' })).toBeVisible();
});

test('a new incident opens empty, and logs imported from a path show up with a summary', async ({ page }) => {
  const { emptyUrl, scratchDir } = readE2eState();
  const { writeFileSync } = await import('node:fs');
  const logPath = `${scratchDir}/web-01.jsonl`;
  const lines = [
    { ts: '2026-11-10T12:00:00.000Z', level: 'info', host: 'web-01', service: 'nginx', msg: 'started' },
    // Over the 64 KiB message cap: shortened in the list, whole in the raw text, and said so in the details.
    { ts: '2026-11-10T12:00:01.250Z', level: 'error', host: 'web-01', service: 'nginx', msg: `upstream timed out ${'x'.repeat(100_000)}` },
  ];
  writeFileSync(logPath, `${lines.map((line) => JSON.stringify(line)).join('\n')}\nthis line has no timestamp\n`);

  await page.goto(emptyUrl);
  await page.getByRole('button', { name: 'New incident…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('File path for the new incident').fill(`${scratchDir}/created.hindsight`);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('incident-counts')).toContainText('0 events');

  await page.getByRole('button', { name: 'Import…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import logs' });
  await importDialog.getByLabel('Paths to import, one per line').fill(logPath);
  await importDialog.getByRole('button', { name: 'Import' }).click();
  const summary = page.getByRole('region', { name: /Imported 2 events/ });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('web-01.jsonl');
  await expect(page.getByTestId('incident-counts')).toContainText('2 events');
  await expect(page.getByTestId('event-row').filter({ hasText: 'upstream timed out' })).toBeVisible();
  await page.getByTestId('event-row').filter({ hasText: 'upstream timed out' }).click();
  await expect(page.getByTestId('truncation-note')).toHaveText(
    `Too long to keep whole: the message (${lines[1]!.msg.length.toLocaleString('en-US')} characters) was shortened; the raw text below has all of it.`,
  );
  expect((await page.getByTestId('raw-text').textContent())?.length).toBe(JSON.stringify(lines[1]).length);
  await page.screenshot({ path: 'test-results/imported-incident.png' });

  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Open sample incident' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent incidents' })).toContainText('created.hindsight');
});

test('Open sample incident shows progress while it generates, then opens the replay', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(readE2eState().emptyUrl);
  await page.getByRole('button', { name: 'Open sample incident' }).click();
  const status = page.getByRole('status');
  await expect(status).toContainText('Opening the sample incident');
  await expect(page.getByRole('button', { name: 'New incident…' })).toBeDisabled();
  await expect(page.getByTestId('import-progress')).toContainText(/of .* lines/, { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/sample-progress.png' });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rolling OS upgrade', { timeout: 200_000 });
  await expect(page.getByTestId('lane-label').first()).toBeVisible();
});
