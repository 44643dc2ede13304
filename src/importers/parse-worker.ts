/**
 * Worker-thread entry that reads and parses files for the importer, so parsing runs on another core
 * while the importing thread writes SQLite (which stays on the thread that owns the connection).
 * Started by parse-worker-client.ts; one worker serves every file of one import, one file at a time.
 * NOTE: at most MAX_BATCHES_IN_FLIGHT batches wait unacknowledged in the parent, so memory stays flat
 * however large the file is.
 */
import { parentPort } from 'node:worker_threads';
import { parseFile, transferablesOf, type ParsedBatch, type ParseRequest } from './file-parse';

/** Messages from the parent: parse one file; or acknowledge one batch as written. */
export type ToParseWorker = { type: 'parse'; request: ParseRequest } | { type: 'ack' };

/** Messages to the parent, per file: `start`, then `batch`es, then `end`; or `error` at any point. */
export type FromParseWorker =
  | { type: 'start'; formatName: string }
  | { type: 'batch'; batch: ParsedBatch }
  | { type: 'end'; contentHash: string }
  | { type: 'error'; message: string };

const MAX_BATCHES_IN_FLIGHT = 3;

const port = parentPort;
if (port === null) throw new Error('parse-worker runs only as a worker thread (new Worker(...)).');

let batchesInFlight = 0;
let wakeOnAck: (() => void) | null = null;

const post = (message: FromParseWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

async function run(request: ParseRequest): Promise<void> {
  try {
    const parse = await parseFile(request);
    post({ type: 'start', formatName: parse.formatName });
    for await (const batch of parse.batches) {
      post({ type: 'batch', batch }, transferablesOf(batch));
      batchesInFlight++;
      while (batchesInFlight >= MAX_BATCHES_IN_FLIGHT) await new Promise<void>((resolve) => (wakeOnAck = resolve));
    }
    post({ type: 'end', contentHash: parse.contentHash() });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

port.on('message', (message: ToParseWorker) => {
  if (message.type === 'ack') {
    batchesInFlight--;
    wakeOnAck?.();
    wakeOnAck = null;
  } else {
    void run(message.request);
  }
});
