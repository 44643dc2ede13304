/**
 * The importing thread's side of the parse worker: starts parse-worker on first use, asks it for one
 * file at a time and turns its messages back into a {@link FileParse}, the same shape in-process
 * parsing gives. Each batch is acknowledged when the consumer asks for the next one (back-pressure).
 * Which worker file runs is decided by src/threads/start-worker.ts.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads/start-worker';
import type { FileParse, ParsedBatch, ParseRequest } from './file-parse';
import type { FromParseWorker, ToParseWorker } from './parse-worker';

/** A parse worker owned by one import; call {@link ParseWorker.close} when the import ends. */
export class ParseWorker {
  private worker: Worker | null = null;
  private readonly queue: FromParseWorker[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private isClosing = false;

  /** Starts parsing `request.path` in the worker; resolves once its format is known. */
  async parse(request: ParseRequest): Promise<FileParse> {
    this.send({ type: 'parse', request });
    const first = await this.next();
    if (first.type === 'error') throw new Error(first.message);
    if (first.type !== 'start') throw new Error(`The parse worker answered "${first.type}" before "start".`);
    let contentHash: string | null = null;
    const batches = async function* (this: ParseWorker): AsyncGenerator<ParsedBatch> {
      for (;;) {
        const message = await this.next();
        if (message.type === 'batch') {
          yield message.batch;
          this.send({ type: 'ack' });
        } else if (message.type === 'end') {
          contentHash = message.contentHash;
          return;
        } else {
          throw new Error(message.type === 'error' ? message.message : `The parse worker sent "${message.type}" in the middle of a file.`);
        }
      }
    }.call(this);
    return {
      formatName: first.formatName,
      batches,
      takeReady: () => {
        const message = this.queue[0];
        if (message?.type !== 'batch') return null;
        this.queue.shift();
        this.send({ type: 'ack' });
        return message.batch;
      },
      contentHash: () => {
        if (contentHash === null) throw new Error('The content hash is known only after the last batch.');
        return contentHash;
      },
    };
  }

  /** Stops the worker (if it was started); safe to call more than once. */
  async close(): Promise<void> {
    this.isClosing = true;
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
  }

  private send(message: ToParseWorker): void {
    if (this.failure !== null) throw this.failure;
    (this.worker ??= this.start()).postMessage(message);
  }

  private async next(): Promise<FromParseWorker> {
    while (this.queue.length === 0) {
      if (this.failure !== null) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.queue.shift()!;
  }

  private notify(): void {
    this.wake?.();
    this.wake = null;
  }

  private start(): Worker {
    const worker = createParseWorker();
    worker.on('message', (message: FromParseWorker) => {
      this.queue.push(message);
      this.notify();
    });
    worker.on('error', (err) => {
      this.failure ??= new Error(`the parse worker failed: ${err.message}`);
      this.notify();
    });
    worker.on('exit', (code) => {
      if (!this.isClosing) this.failure ??= new Error(`the parse worker stopped unexpectedly (exit code ${code})`);
      this.notify();
    });
    return worker;
  }
}

/**
 * The parse worker's young generation, in MB. Parsing makes short-lived strings and objects at a high
 * rate; measured at 1M lines (runs interleaved), V8's default let the process peak at 308-324 MB and
 * 8 MB at 271-289 MB, for about 3% more store time. Smaller caps promote garbage to the old generation:
 * at 4 MB the worker spent 685 ms in GC instead of 138 (8 MB: 222).
 */
const PARSE_WORKER_YOUNG_GENERATION_MB = 8;

function createParseWorker(): Worker {
  return startWorker('parse-worker', join(__dirname, 'parse-worker.ts'), undefined, PARSE_WORKER_YOUNG_GENERATION_MB);
}
