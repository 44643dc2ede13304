/** The fleet view on the sample incident: it shows what `replay.stateAt` says, follows playback, and explains each host. */
import { expect, test, type Page } from '@playwright/test';
import { callSampleApi, openSampleIncident } from '../support/e2e-page';

const AT_14_MS = Date.UTC(2026, 10, 10, 14, 0, 0);

async function goTo(page: Page, time: string): Promise<void> {
  await page.getByLabel('Go to (UTC)').fill(time);
  await page.getByLabel('Go to (UTC)').press('Enter');
}

/** Each cell's host, phase, health and accessible name, as the page shows them. */
async function cellsOf(page: Page): Promise<{ host: string; phase: string; health: string; label: string }[]> {
  return page.getByTestId('fleet-cell').evaluateAll((cells) =>
    cells.map((cell) => ({
      host: cell.getAttribute('data-host') ?? '',
      phase: cell.getAttribute('data-phase') ?? '',
      health: cell.getAttribute('data-health') ?? '',
      label: cell.getAttribute('aria-label') ?? '',
    })),
  );
}

test.beforeEach(async ({ page }) => {
  await openSampleIncident(page);
  await expect(page.getByRole('region', { name: 'Fleet' })).toBeVisible();
});

test('scrubbed to 14:00:00, every host shows the phase, version and health replay.stateAt gives', async ({ page, request }) => {
  await goTo(page, '14:00:00');
  const panel = page.getByTestId('fleet-panel');
  await expect(panel).toHaveAttribute('data-ts-ms', String(AT_14_MS));
  const expected = await callSampleApi(request, 'replay.stateAt', { tsMs: AT_14_MS });
  const cells = await cellsOf(page);
  expect(cells.map((c) => c.host)).toEqual(expected.hosts.map((h) => h.host));
  for (const [i, h] of expected.hosts.entries()) {
    const cell = cells[i]!;
    expect(cell.phase, h.host).toBe(h.phase);
    expect(cell.health, h.host).toBe(h.health);
    expect(cell.label).toContain(`${h.host}: `);
    if (h.version !== null) expect(cell.label).toContain(h.version);
  }
  const summary = page.getByTestId('fleet-summary');
  await expect(summary).toContainText('14:00:00.000');
  await expect(summary).toContainText(`${expected.phaseCounts.done} done`);
  await expect(summary).toContainText(`${expected.phaseCounts.updating} updating`);
  await expect(summary).toContainText(`${expected.phaseCounts.pending} pending`);
  const storage = page.getByRole('group', { name: /^storage: 48 hosts/ });
  await expect(storage).toBeVisible();
  await expect(storage.getByRole('button', { name: /\(bootstrap\)/ }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/fleet-14h.png' });
});

test('hovering a host shows its state and last event; clicking pins it', async ({ page, request }) => {
  await goTo(page, '14:00:00');
  await expect(page.getByTestId('fleet-panel')).toHaveAttribute('data-ts-ms', String(AT_14_MS));
  const [state] = (await callSampleApi(request, 'replay.stateAt', { tsMs: AT_14_MS, hosts: ['storage-17'] })).hosts;
  const cell = page.locator('[data-testid="fleet-cell"][data-host="storage-17"]');
  await cell.hover();
  const detail = page.getByTestId('fleet-detail');
  await expect(detail).toContainText('storage-17:');
  await expect(detail).toContainText(state!.lastEventMessage ?? '');
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(0, 0);
  await expect(detail).toContainText('storage-17:');
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'false');
});

test('Play advances the fleet view through the rollout', async ({ page }) => {
  await goTo(page, '11:05:00');
  const panel = page.getByTestId('fleet-panel');
  await expect(panel).toHaveAttribute('data-ts-ms', String(Date.UTC(2026, 10, 10, 11, 5, 0)));
  const doneBefore = await page.locator('[data-testid="fleet-cell"][data-phase="done"]').count();
  await page.getByLabel('Speed').selectOption('3600');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number(await panel.getAttribute('data-ts-ms')), { timeout: 20_000 }).toBeGreaterThan(Date.UTC(2026, 10, 10, 12, 30, 0));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => page.locator('[data-testid="fleet-cell"][data-phase="done"]').count()).toBeGreaterThan(doneBefore);
});

test('the fleet starts compact (glyphs, with names in tooltips and a legend) and "Host names" shows names in the cells', async ({ page }) => {
  const cell = page.locator('[data-testid="fleet-cell"][data-host="storage-17"]');
  const toggle = page.getByRole('button', { name: 'Host names' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(cell).not.toContainText('17');
  await expect(cell).toHaveAttribute('title', /^storage-17: /);
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('pending');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(cell).toContainText('17');
});
