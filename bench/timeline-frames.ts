/**
 * Benchmark: frame times of the timeline in Chromium while scrubbing (dragging the playhead across the
 * timeline) and zooming (wheel) with a 1,000,000-event incident (BENCH_FRAMES_EVENTS) open in the HTTP
 * shell. Frame times are requestAnimationFrame deltas measured in the page. Prints the median and 95th
 * percentile per gesture (target: p95 ≤ 16.7 ms). Needs the built renderer (`npm run build`) and
 * Chromium (/usr/bin/chromium or HINDSIGHT_CHROMIUM); skips with a message when either is missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startHttpShell } from '../src/server/http-shell';
import type { Level } from '../src/model/event';
import { Prng } from '../src/sample/prng';
import { IncidentDb } from '../src/store/incident-db';
import { buildLod } from '../src/store/lod-build';
import { beginBulkLoad, SourceWriter } from '../src/store/source-writer';

const EVENTS = Number(process.env.BENCH_FRAMES_EVENTS ?? 1_000_000);
const GESTURE_MS = Number(process.env.BENCH_FRAMES_GESTURE_MS ?? 4000);
const CHROMIUM = process.env.HINDSIGHT_CHROMIUM ?? '/usr/bin/chromium';
const BASE_MS = Date.UTC(2026, 10, 10, 11, 0, 0);
const SPAN_MS = 6 * 3_600_000;
const LEVEL_MIX: Level[] = ['debug', 'info', 'info', 'info', 'info', 'notice', 'warn', 'error'];

function generate(path: string): void {
  const incident = IncidentDb.open(path, { create: true });
  const prng = new Prng(3);
  const bulk = beginBulkLoad(incident);
  try {
    for (let s = 0; s < 6; s++) {
      const writer = SourceWriter.begin(incident, { name: `source-${s}.jsonl`, path: `/bench/source-${s}.jsonl`, format: 'json-lines', sizeBytes: 0 });
      const n = Math.floor(EVENTS / 6);
      const times = Float64Array.from({ length: n }, () => BASE_MS + prng.int(0, SPAN_MS)).sort();
      writer.batch(() => {
        for (let i = 0; i < n; i++) {
          const level = LEVEL_MIX[prng.int(0, LEVEL_MIX.length - 1)]!;
          writer.addEvent(
            {
              tsMs: times[i]!,
              tsSubNs: 0,
              endMs: null,
              host: `host-${prng.int(1, 300)}`,
              service: `svc-${prng.int(1, 12)}`,
              level,
              kind: null,
              message: 'bench event',
              attrsJson: '{}',
            },
            i + 1,
            'bench event',
          );
        }
      });
      writer.finish(`bench-${s}`, n);
    }
  } finally {
    bulk.end();
  }
  buildLod(incident);
  incident.close();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  if (!existsSync(CHROMIUM) || !existsSync('.vite/renderer/main_window/index.html')) {
    console.log(JSON.stringify({ bench: 'timeline-frames', skipped: `needs Chromium at ${CHROMIUM} and the built renderer (npm run build)` }));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-frames-'));
  const path = join(dir, 'frames.hindsight');
  generate(path);
  const shell = await startHttpShell({ dataDir: join(dir, 'data'), incidentPath: path, rendererDir: resolve('.vite/renderer/main_window') });
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(shell.url);
    await page.getByTestId('lane-label').first().waitFor();
    // NOTE: page scripts are strings: tsx would wrap functions with a helper the page does not have.
    const startFrames = () =>
      page.evaluate(`(() => {
        window.frameTimes = [];
        window.frameRun = true;
        let last = performance.now();
        const tick = (now) => {
          window.frameTimes.push(now - last);
          last = now;
          if (window.frameRun) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      })()`);
    const stopFrames = () => page.evaluate<number[]>('(() => { window.frameRun = false; return window.frameTimes.slice(2); })()');
    const report = (gesture: string, laneBy: string, frames: number[]) => {
      const sorted = [...frames].sort((a, b) => a - b);
      console.log(
        JSON.stringify({
          bench: 'timeline-frames',
          events: EVENTS,
          gesture,
          laneBy,
          frames: frames.length,
          medianMs: Number(percentile(sorted, 0.5).toFixed(2)),
          p95Ms: Number(percentile(sorted, 0.95).toFixed(2)),
          targetP95Ms: 16.7,
        }),
      );
    };

    // NOTE: lanes by host ask for a window of host lanes plus the group lanes their headers show.
    for (const laneBy of ['source', 'host'] as const) {
      await page.getByLabel('Lanes by').selectOption(laneBy);
      if (laneBy === 'host') await page.getByTestId('lane-group').first().waitFor();
      await page.getByRole('button', { name: 'Reset zoom' }).click();
      const overlay = page.getByTestId('timeline-overlay');
      const box = await overlay.boundingBox();
      if (box === null) throw new Error('The timeline is not laid out.');
      const y = box.y + 8;
      await page.mouse.move(box.x + 2, y);
      await page.mouse.down();
      await startFrames();
      const scrubStart = Date.now();
      for (let i = 0; Date.now() - scrubStart < GESTURE_MS; i++) {
        const phase = (i % 200) / 200;
        await page.mouse.move(box.x + 2 + (box.width - 4) * (phase < 0.5 ? phase * 2 : 2 - phase * 2), y);
      }
      report('scrub', laneBy, await stopFrames());
      await page.mouse.up();

      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await startFrames();
      const zoomStart = Date.now();
      for (let i = 0; Date.now() - zoomStart < GESTURE_MS; i++) {
        await page.mouse.wheel(0, Math.floor(i / 40) % 2 === 0 ? -120 : 120);
        await page.waitForTimeout(16);
      }
      report('zoom', laneBy, await stopFrames());
    }
  } finally {
    await browser.close();
    await shell.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
