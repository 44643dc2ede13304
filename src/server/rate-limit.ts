/**
 * A token bucket per client address for the HTTP shell, so one runaway tab or script cannot starve the
 * other viewers of a shared postmortem meeting. Plain arithmetic over a clock; no timers.
 */

/** How fast one client may call: a burst it may spend at once, refilled at a steady rate. */
export interface RateLimit {
  /** Bucket size: requests a client may send back to back, in requests. */
  burst: number;
  /** Refill rate, in requests per second. */
  perSecond: number;
}

/**
 * The default limit. A viewer scrubbing the timeline sends a few calls per playhead move (well under
 * 50 per second); a burst of 400 covers page loads and fast scrubs with room to spare.
 */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 400, perSecond: 200 };

/** Buckets idle longer than this are forgotten, so the map does not grow with every client ever seen. */
const IDLE_FORGET_MS = 60_000;

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Per-client token buckets; `take` answers whether a request may go ahead now. */
export class ClientRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweepMs = 0;

  constructor(
    readonly limit: RateLimit,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /**
   * Spends one token of `clientKey`'s bucket. Returns 0 when the request may go ahead, else the
   * whole seconds until a token is back (for a `Retry-After` header).
   */
  take(clientKey: string): number {
    const now = this.nowMs();
    this.sweep(now);
    const bucket = this.buckets.get(clientKey) ?? { tokens: this.limit.burst, updatedMs: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.limit.perSecond);
    bucket.updatedMs = now;
    this.buckets.set(clientKey, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  private sweep(now: number): void {
    if (now - this.lastSweepMs < IDLE_FORGET_MS) return;
    this.lastSweepMs = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedMs > IDLE_FORGET_MS) this.buckets.delete(key);
    }
  }
}
