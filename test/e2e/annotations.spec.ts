/**
 * Annotating, exporting and touring in the real UI, on an incident of this spec's own (created in the
 * scratch folder and opened in the shell that starts empty, which is closed again afterwards).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { callEmptyApi } from '../support/e2e-page';
import { readE2eState } from '../support/e2e-state';

const FIXTURE_LOG = join(__dirname, '..', 'fixtures', 'postmortem', 'rollout.jsonl');


async function openOwnIncident(page: Page, request: APIRequestContext, name: string): Promise<string> {
  const path = join(readE2eState().scratchDir, `${name}-${Date.now()}.hindsight`);
  await callEmptyApi(request, 'incident.create', { path, title: `Annotation spec ${name}` });
  await callEmptyApi(request, 'import.paths', { paths: [FIXTURE_LOG] });
  await page.goto(readE2eState().emptyUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Annotation spec ${name}`);
  await page.getByRole('tab', { name: 'Annotations' }).click();
  await expect(page.getByRole('region', { name: /Annotations/ })).toBeVisible();
  return path;
}

test.afterEach(async ({ request }) => {
  await callEmptyApi(request, 'incident.close', {});
});

test('annotate at the playhead with A, edit it without saving, undo and redo, and find it after a reload', async ({ page, request }) => {
  await openOwnIncident(page, request, 'annotate');
  await page.getByRole('textbox', { name: 'Go to (UTC)' }).fill('2024-05-02 14:00:00.120');
  await page.getByRole('textbox', { name: 'Go to (UTC)' }).press('Enter');
  await expect(page.getByTestId('playhead-time')).toHaveText('2024-05-02 14:00:00.120 UTC');
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('a');
  const editor = page.getByTestId('annotation-editor');
  await expect(editor).toBeVisible();
  await editor.getByLabel('Kind').selectOption('trigger');
  await editor.getByLabel('Title').fill('First cron job hit a bootstrapping node');
  await editor.getByLabel('Note (Markdown)').fill('Cron fires on the **hour**.');
  await editor.getByLabel('Title').press('Tab');
  await expect(page.getByTestId('annotation-status')).toContainText('Saved at');
  const item = page.getByTestId('annotation-item');
  await expect(item).toHaveText(/14:00:00\.120\s*Trigger\s*First cron job hit a bootstrapping node/);
  await expect(page.getByRole('button', { name: /^Trigger: First cron job hit a bootstrapping node at 14:00:00/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/annotations-editor.png' });

  await page.reload();
  await expect(page.getByTestId('annotation-item')).toHaveText(/First cron job hit a bootstrapping node/);

  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('a');
  await expect(page.getByTestId('annotation-item')).toHaveCount(2);
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('annotation-item')).toHaveCount(1);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByTestId('annotation-item')).toHaveCount(2);
});

test('click an annotation flag to jump there, then export the postmortem as HTML', async ({ page, request }) => {
  await openOwnIncident(page, request, 'export');
  await callEmptyApi(request, 'annotations.create', { kind: 'mitigation', tsMs: Date.parse('2024-05-02T14:10:00Z'), title: 'Rollout paused', author: 'e2e' });
  await callEmptyApi(request, 'annotations.create', { kind: 'impact', tsMs: Date.parse('2024-05-02T14:00:00Z'), endMs: Date.parse('2024-05-02T14:25:00Z'), title: 'Writes failing', author: 'e2e' });
  await page.reload();
  await page.getByRole('button', { name: /^Mitigation: Rollout paused/ }).click();
  await expect(page.getByTestId('playhead-time')).toHaveText('2024-05-02 14:10:00.000 UTC');

  await page.getByRole('button', { name: 'Postmortem' }).click();
  const panel = page.getByRole('region', { name: 'Postmortem' });
  await expect(panel.getByText('10 min', { exact: true })).toBeVisible();
  await panel.getByLabel('Summary').fill('Cron collided with bootstrapping storage nodes.');
  await panel.getByLabel('Format', { exact: true }).selectOption('html');
  const out = join(readE2eState().scratchDir, `export-${Date.now()}.html`);
  await panel.getByLabel('Save to').fill(out);
  await panel.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByTestId('export-status')).toContainText(`Wrote ${out}`);
  await page.screenshot({ path: 'test-results/annotations-postmortem.png' });
  expect(existsSync(out)).toBe(true);
  const html = readFileSync(out, 'utf8');
  expect(html).toContain('Cron collided with bootstrapping storage nodes.');
  expect(html).toContain('<svg');
  await panel.getByRole('button', { name: 'Close postmortem' }).click();
});

test('play the tour: chapters advance with their notes, with next/previous and a speed', async ({ page, request }) => {
  await openOwnIncident(page, request, 'tour');
  for (const [kind, iso, title] of [
    ['trigger', '2024-05-02T14:00:00.120Z', 'Cron hits a bootstrapping node'],
    ['detection', '2024-05-02T14:04:00Z', 'First page'],
    ['mitigation', '2024-05-02T14:10:00Z', 'Rollout paused'],
  ] as const) {
    await callEmptyApi(request, 'annotations.create', { kind, tsMs: Date.parse(iso), title, body: `Note for ${title}.`, author: 'e2e' });
  }
  await page.reload();
  await page.getByRole('tab', { name: 'Annotations' }).click();
  await page.getByRole('button', { name: 'Start tour' }).click();
  const bar = page.getByTestId('tour-bar');
  await expect(page.getByTestId('tour-progress')).toContainText('chapter 1 of 3');
  await expect(bar).toContainText('Note for Cron hits a bootstrapping node.');
  await expect(page.getByTestId('playhead-time')).toHaveText('2024-05-02 14:00:00.120 UTC');
  await bar.getByLabel('Tour speed').selectOption('fast');
  await expect(page.getByTestId('tour-progress')).toContainText('chapter 2 of 3', { timeout: 8_000 });
  await expect(bar).toContainText('First page');
  await bar.getByRole('button', { name: 'Pause tour' }).click();
  await bar.getByRole('button', { name: 'Next chapter' }).click();
  await expect(page.getByTestId('tour-progress')).toContainText('chapter 3 of 3');
  await expect(page.getByTestId('playhead-time')).toHaveText('2024-05-02 14:10:00.000 UTC');
  await page.screenshot({ path: 'test-results/annotations-tour.png' });
  await bar.getByRole('button', { name: 'Previous chapter' }).click();
  await expect(page.getByTestId('tour-progress')).toContainText('chapter 2 of 3');
  await bar.getByRole('button', { name: 'End tour' }).click();
  await expect(bar).toHaveCount(0);
});
