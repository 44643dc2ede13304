/**
 * A seeded generator of realistic JSON-lines deploy logs (~200 bytes a line: ts, level, host,
 * service, msg and three extra fields), so benchmark inputs are identical from run to run.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** A small deterministic PRNG (mulberry32); returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['checkout', 'cart', 'payments', 'search', 'auth', 'inventory', 'gateway', 'notifications'];
const PATHS = ['/api/cart', '/api/checkout', '/api/search?q=shoes', '/api/login', '/api/items/4411', '/healthz'];
const LEVELS = ['info', 'info', 'info', 'info', 'info', 'debug', 'debug', 'warn', 'error'];

/** Writes `lineCount` lines to `path`, starting at `startMs` with about 2 ms between lines. Returns bytes written. */
export function writeJsonLinesFile(path: string, lineCount: number, seed = 42, startMs = Date.UTC(2024, 4, 2, 10, 0, 0)): number {
  const random = seededRandom(seed);
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let tsMs = startMs;
    let buffer: string[] = [];
    for (let i = 0; i < lineCount; i++) {
      tsMs += Math.floor(random() * 4);
      const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
      const level = LEVELS[Math.floor(random() * LEVELS.length)]!;
      const host = `${service}-${Math.floor(random() * 24)}`;
      const status = level === 'error' ? 503 : 200;
      const durationMs = Math.floor(random() * 900);
      const path = PATHS[Math.floor(random() * PATHS.length)]!;
      const traceId = Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0') + Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
      buffer.push(
        `{"ts":"${new Date(tsMs).toISOString()}","level":"${level}","host":"${host}","service":"${service}","msg":"GET ${path} ${status} in ${durationMs}ms","trace_id":"${traceId}","status":${status},"duration_ms":${durationMs},"region":"eu-west-1"}`,
      );
      if (buffer.length === 10_000) {
        bytes += writeSync(fd, buffer.join('\n') + '\n');
        buffer = [];
      }
    }
    if (buffer.length > 0) bytes += writeSync(fd, buffer.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
  return bytes;
}
