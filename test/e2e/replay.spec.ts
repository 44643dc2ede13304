/** Replaying the sample incident through the real HTTP shell, as an on-call engineer would. */
import { expect, test } from '@playwright/test';
import { callSampleApi, openSampleIncident, playheadText, rowAtPlayhead } from '../support/e2e-page';

test.beforeEach(async ({ page }) => {
  await openSampleIncident(page);
});

test('the sample opens with one labelled lane per source and a drawn timeline', async ({ page, request }) => {
  const sources = await callSampleApi(request, 'incident.sources', {});
  const labels = page.getByTestId('lane-label');
  await expect(labels).toHaveCount(sources.length);
  for (const source of sources) await expect(labels.filter({ hasText: source.name })).toBeVisible();
  await expect(page.getByTestId('timeline-summary')).toContainText(/\d[\d,]* events, [\d,]+ errors/);

  const painted = await page.getByTestId('timeline-canvas').evaluate((node) => {
    const canvas = node as HTMLCanvasElement;
    const ctx = canvas.getContext('2d');
    if (ctx === null) return { coloured: 0, red: 0 };
    const { data } = ctx.getImageData(0, Math.round(canvas.height * 0.2), canvas.width, Math.round(canvas.height * 0.8));
    let coloured = 0;
    let red = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
      if (Math.max(r, g, b) > 80) coloured += 1;
      if (r > 200 && g < 110 && b < 110) red += 1;
    }
    return { coloured, red };
  });
  expect(painted.coloured).toBeGreaterThan(5000);
  expect(painted.red).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/incident-view.png' });
});

test('dragging the playhead slider moves the time and the event list', async ({ page }) => {
  const timeBefore = await playheadText(page);
  const rowBefore = await rowAtPlayhead(page);
  const slider = page.getByRole('slider', { name: 'Playhead' });
  const box = await slider.boundingBox();
  if (box === null) throw new Error('The playhead slider is not laid out.');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, y, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => playheadText(page)).not.toBe(timeBefore);
  await expect(slider).toHaveAttribute('aria-valuetext', await playheadText(page));
  await expect.poll(() => rowAtPlayhead(page)).not.toBe(rowBefore);
});

test('dragging on the timeline axis moves the playhead; dragging the lanes pans', async ({ page }) => {
  const overlay = page.getByTestId('timeline-overlay');
  const box = await overlay.boundingBox();
  if (box === null) throw new Error('The timeline is not laid out.');
  const timeBefore = await playheadText(page);
  await page.mouse.move(box.x + box.width * 0.3, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + 10, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => playheadText(page)).not.toBe(timeBefore);

  const summary = page.getByTestId('timeline-summary');
  const rangeBefore = await summary.textContent();
  await page.mouse.move(box.x + box.width * 0.7, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + 60, { steps: 5 });
  await page.mouse.up();
  await expect(summary).not.toHaveText(rangeBefore ?? '');
});

test('the wheel zooms around the cursor and the buttons zoom back out', async ({ page }) => {
  const summary = page.getByTestId('timeline-summary');
  await expect(summary).toContainText('(6.2 h)');
  const box = await page.getByTestId('timeline-overlay').boundingBox();
  if (box === null) throw new Error('The timeline is not laid out.');
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
  for (let i = 0; i < 5; i += 1) await page.mouse.wheel(0, -300);
  await expect(summary).not.toContainText('(6.2 h)');
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(summary).toContainText('(6.2 h)');
  await page.screenshot({ path: 'test-results/zoomed-reset.png' });
});

test('Play advances the playhead and Pause stops it', async ({ page }) => {
  await page.getByLabel('Speed').selectOption('600');
  const timeBefore = await playheadText(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => playheadText(page)).not.toBe(timeBefore);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-pressed', 'false');
  const paused = await playheadText(page);
  await page.waitForTimeout(300);
  expect(await playheadText(page)).toBe(paused);
});

test('the playhead works from the keyboard: End, Home, arrows and Space', async ({ page }) => {
  const slider = page.getByRole('slider', { name: 'Playhead' });
  const start = await playheadText(page);
  await slider.focus();
  await page.keyboard.press('End');
  await expect.poll(() => playheadText(page)).not.toBe(start);
  const end = await playheadText(page);
  await expect(slider).toHaveAttribute('aria-valuetext', end);
  await page.keyboard.press('Home');
  await expect.poll(() => playheadText(page)).toBe(start);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => playheadText(page)).not.toBe(start);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('Next error jumps to an error and shows it selected with its raw text', async ({ page }) => {
  const timeBefore = await playheadText(page);
  await page.getByRole('button', { name: 'Next error' }).click();
  await expect.poll(() => playheadText(page)).not.toBe(timeBefore);
  const selected = page.getByRole('listbox', { name: 'Events at the playhead' }).getByRole('option', { selected: true });
  await expect(selected).toBeVisible();
  await expect(selected.locator('.cell-level')).toHaveText(/^(error|fatal)$/);
  const detail = page.getByRole('region', { name: 'Details' });
  await expect(detail.getByTestId('raw-text')).not.toBeEmpty();
  const firstError = await playheadText(page);
  await page.keyboard.press('e');
  await expect.poll(() => playheadText(page)).not.toBe(firstError);
  await page.screenshot({ path: 'test-results/next-error.png' });
});

test('an unparsed line appears in the list at its context time, and its raw text can be read', async ({ page, request }) => {
  const [sources, unparsed] = await Promise.all([callSampleApi(request, 'incident.sources', {}), callSampleApi(request, 'unparsed.list', { limit: 100 })]);
  const line = unparsed.lines.find((candidate) => candidate.contextTsMs !== null);
  test.skip(line === undefined, 'The sample incident has no unparsed line with a context time.');
  if (line === undefined || line.contextTsMs === null) return;
  const sourceName = sources.find((source) => source.id === line.sourceId)?.name ?? '';
  const contextTime = new Date(line.contextTsMs).toISOString().replace('T', ' ').replace('Z', '');

  await page.getByLabel('Go to (UTC)').fill(contextTime);
  await page.getByLabel('Go to (UTC)').press('Enter');
  await expect(page.getByTestId('playhead-time')).toHaveText(`${contextTime} UTC`);
  const row = page.getByTestId('unparsed-row').filter({ hasText: `Unparsed line ${line.lineStart} of ${sourceName}: ${line.reason}` });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByRole('region', { name: 'Details' }).getByTestId('raw-text')).toHaveText(line.raw);
  await page.screenshot({ path: 'test-results/unparsed-line.png' });
});

test('selecting a row with the keyboard shows its raw text, source and line', async ({ page }) => {
  const list = page.getByRole('listbox', { name: 'Events at the playhead' });
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const selected = list.getByRole('option', { selected: true });
  await expect(selected).toBeVisible();
  const message = (await selected.locator('.cell-message').textContent()) ?? '';
  const detail = page.getByRole('region', { name: 'Details' });
  await expect(detail.getByTestId('raw-text')).toContainText(message.slice(0, 20));
  await expect(detail).toContainText(/line \d+/);
  await page.getByTestId('event-row').nth(5).click();
  await expect(page.getByTestId('event-row').nth(5)).toHaveAttribute('aria-selected', 'true');
});
