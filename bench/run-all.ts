/**
 * `npm run bench`: runs every benchmark module in turn. Each module exports `run()` and prints JSON
 * lines with its figures. Add a module by adding it to BENCHMARKS. Pass names to run only some,
 * e.g. `npm run bench -- import-jsonl`.
 */

/** A benchmark module: prints JSON lines, one object per figure. */
export interface BenchModule {
  run(): Promise<void>;
}

const BENCHMARKS: readonly { name: string; load: () => Promise<BenchModule> }[] = [
  { name: 'import-jsonl', load: () => import('./import-jsonl') },
  { name: 'import-memory', load: () => import('./import-memory') },
  { name: 'import-text', load: () => import('./import-text') },
  { name: 'lod-density', load: () => import('./lod-density') },
  { name: 'search-fts', load: () => import('./search-fts') },
  { name: 'timeline-frames', load: () => import('./timeline-frames') },
  { name: 'state-at', load: () => import('./state-at') },
  { name: 'open-sample', load: () => import('./open-sample') },
  { name: 'runbook-linking', load: () => import('./runbook-linking') },
  { name: 'insight-patterns', load: () => import('./insight-patterns') },
  { name: 'open-large', load: () => import('./open-large') },
  { name: 'serve-load', load: () => import('./serve-load') },
  { name: 'follow-latency', load: () => import('./follow-latency') },
  { name: 'import-responsive', load: () => import('./import-responsive') },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const bench of BENCHMARKS) {
    if (only.length > 0 && !only.includes(bench.name)) continue;
    const module = await bench.load();
    await module.run();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
