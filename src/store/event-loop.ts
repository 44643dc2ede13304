/** Yielding to the event loop between chunks of long work, so a service thread keeps answering calls. */

/** Resolves on the next turn of the event loop, after pending I/O callbacks. */
export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
