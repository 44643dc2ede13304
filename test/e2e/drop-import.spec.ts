/**
 * Drag-and-drop import in the browser shell: dropping logs on the start screen says to open an
 * incident first; dragging over an open incident shows where the logs will go; dropping them uploads
 * them (in chunks), imports them, and the new events and the import summary appear.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { callEmptyApi } from '../support/e2e-page';
import { readE2eState } from '../support/e2e-state';

/** One dropped file: its name and text. */
interface DroppedFile {
  name: string;
  text: string;
}

/** JSON lines of a deploy, padded so the file takes several upload chunks. */
function deployLog(lineCount: number): string {
  let text = '';
  for (let i = 0; i < lineCount; i++) {
    const ts = new Date(Date.UTC(2026, 10, 10, 14, 0, 0) + i * 1000).toISOString();
    const msg = i === lineCount - 1 ? 'rsync panic: segment 118 metadata missing on storage-07' : `drain step ${i} ${'-'.repeat(180)}`;
    text += `${JSON.stringify({ ts, level: i === lineCount - 1 ? 'error' : 'info', host: `storage-${String(i % 12).padStart(2, '0')}`, service: 'rollout', msg })}\n`;
  }
  return text;
}

/** Drags `files` over `target` the way a file manager does: dragenter, then dragover (and drop unless told to stop). */
async function dragFiles(page: Page, target: Locator, files: DroppedFile[], { isDropped }: { isDropped: boolean }): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list: DroppedFile[]) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.text], file.name, { type: 'application/octet-stream' }));
    return transfer;
  }, files);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  if (isDropped) await target.dispatchEvent('drop', { dataTransfer });
}

test.afterEach(async ({ request }) => {
  await callEmptyApi(request, 'incident.close', {});
});

test('drop logs onto the window: refused on the start screen, imported into the open incident with its summary', async ({ page, request }) => {
  const { scratchDir, emptyUrl } = readE2eState();
  await callEmptyApi(request, 'incident.close', {});
  await page.goto(emptyUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hindsight');
  const files: DroppedFile[] = [
    { name: 'storage-rollout.jsonl', text: deployLog(6000) },
    { name: 'cron.log', text: 'Nov 10 14:00:01 storage-07 CRON[4242]: (root) CMD (/usr/local/bin/rotate-segments)\n' },
  ];

  await dragFiles(page, page.locator('main.start-screen'), files, { isDropped: false });
  await expect(page.getByTestId('drop-overlay')).toHaveText(/open or create an incident first/);
  await dragFiles(page, page.locator('main.start-screen'), files, { isDropped: true });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
  await expect(page.getByRole('alert')).toHaveText(/No incident is open to import into; open or create an incident first/);

  await callEmptyApi(request, 'incident.create', { path: join(scratchDir, `drop-${Date.now()}.hindsight`), title: 'Storage wave 3' });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Storage wave 3');
  await expect(page.getByTestId('incident-counts')).toContainText('0 events');

  const view = page.locator('.incident-view');
  await dragFiles(page, view, files, { isDropped: false });
  const overlay = page.getByTestId('drop-overlay');
  await expect(overlay).toContainText('Drop logs to import into Storage wave 3');
  await page.screenshot({ path: 'test-results/drop-overlay.png' });

  await dragFiles(page, view, files, { isDropped: true });
  await expect(overlay).toBeHidden();
  const summary = page.getByTestId('import-summary');
  await expect(summary.getByRole('heading', { level: 2 })).toHaveText('Imported 6,001 events from 2 sources');
  await expect(summary).toContainText('upload:storage-rollout.jsonl (json-lines): 6,000 events, 0 unparsed of 6,000 lines');
  await expect(summary).toContainText('upload:cron.log');
  await expect(page.getByTestId('incident-counts')).toContainText('6,001 events');
  await expect(page.getByTestId('incident-counts')).toContainText('2 sources');
  await page.getByRole('searchbox').first().fill('rsync panic');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('event-row').filter({ hasText: 'rsync panic: segment 118 metadata missing on storage-07' })).toBeVisible();
  await page.screenshot({ path: 'test-results/drop-imported.png' });
});

test('a large upload can be cancelled from the status bar: nothing is imported and what arrived is deleted', async ({ page, request }) => {
  const { scratchDir, emptyUrl } = readE2eState();
  await callEmptyApi(request, 'incident.create', { path: join(scratchDir, `cancel-${Date.now()}.hindsight`), title: 'Cancelled upload' });
  await page.goto(emptyUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cancelled upload');
  const view = page.locator('.incident-view');
  // NOTE: the file is made in the page (about 40 MB, some 80 chunks), so the upload is still running when Cancel is pressed.
  const dataTransfer = await page.evaluateHandle(() => {
    const line = `${JSON.stringify({ ts: '2026-11-10T14:00:00.000Z', level: 'info', host: 'storage-07', msg: 'x'.repeat(180) })}\n`;
    const transfer = new DataTransfer();
    transfer.items.add(new File([line.repeat(180_000)], 'huge.jsonl', { type: 'application/octet-stream' }));
    return transfer;
  });
  await view.dispatchEvent('dragenter', { dataTransfer });
  await view.dispatchEvent('dragover', { dataTransfer });
  await view.dispatchEvent('drop', { dataTransfer });
  const cancel = page.getByRole('button', { name: 'Cancel upload' });
  await expect(page.getByRole('status').filter({ hasText: /Uploading huge\.jsonl/ })).toBeVisible();
  await cancel.click();
  await expect(cancel).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /Uploading/ })).toHaveCount(0);
  await expect(page.locator('[role="alert"]')).toHaveText('');
  await expect(page.getByTestId('incident-counts')).toContainText('0 events');
  const uploadsDir = join(scratchDir, '..', 'empty-data', 'uploads');
  const leftOver = existsSync(uploadsDir) ? readdirSync(uploadsDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()) : [];
  expect(leftOver.map((entry) => entry.name)).toEqual([]);
});
