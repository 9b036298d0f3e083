// One token bucket per operation, starting from the documented rate and burst (each model's usage
// plan), and following the rate Amazon states in x-amzn-RateLimit-Limit when it sends one (only
// on 20x, 400 and 404: never on a 429, sp-api.md §6). Calls wait for a token rather than being
// refused. Amazon's buckets persist between runs, so ours can too: a snapshot taken at the end of
// one run starts the next (refilled by the time that passed, never beyond the burst).

import { USAGE_PLANS, type OperationId } from './models/usage-plans.js';

interface Bucket {
  rate: number;
  burst: number;
  tokens: number;
  updatedAt: number;
}

/** Tokens left per operation and when, as saved between runs. */
export type RateSnapshot = Partial<Record<OperationId, { tokens: number; at: number }>>;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly saved: RateSnapshot = {},
  ) {}

  private bucket(operation: OperationId): Bucket {
    // A saved bucket is never below empty: Amazon's cannot be, whatever waits were still owed here.
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      const plan = USAGE_PLANS[operation];
      const saved = this.saved[operation];
      const valid = saved && Number.isFinite(saved.tokens) && Number.isFinite(saved.at) && saved.at <= this.now();
      bucket = valid ? { rate: plan.rate, burst: plan.burst, tokens: Math.max(0, Math.min(plan.burst, saved.tokens)), updatedAt: saved.at } : { rate: plan.rate, burst: plan.burst, tokens: plan.burst, updatedAt: this.now() };
      this.buckets.set(operation, bucket);
    }
    const now = this.now();
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + (Math.max(0, now - bucket.updatedAt) / 1000) * bucket.rate);
    bucket.updatedAt = now;
    return bucket;
  }

  /** How long to wait (ms) before the operation may be called; takes the token. */
  reserve(operation: OperationId): number {
    const bucket = this.bucket(operation);
    bucket.tokens -= 1;
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens / bucket.rate) * 1000);
  }

  /**
   * After a 429: the bucket is empty, whatever we thought. The wait for the next token comes from
   * the rate in force (the documented one unless Amazon stated another on an earlier answer),
   * since the 429 itself carries no rate.
   */
  drain(operation: OperationId): number {
    const bucket = this.bucket(operation);
    bucket.tokens = Math.min(bucket.tokens, 0);
    return Math.ceil((1 / bucket.rate) * 1000);
  }

  /** Amazon said which rate applies (x-amzn-RateLimit-Limit). */
  follow(operation: OperationId, header: string | null): void {
    const rate = header === null ? Number.NaN : Number(header);
    if (Number.isFinite(rate) && rate > 0) this.bucket(operation).rate = rate;
  }

  /** The operation's current rate (requests per second). */
  rateOf(operation: OperationId): number {
    return this.bucket(operation).rate;
  }

  /** The buckets as they stand, to start the next run from. */
  snapshot(): RateSnapshot {
    const snapshot: RateSnapshot = { ...this.saved };
    for (const operation of this.buckets.keys()) {
      const bucket = this.bucket(operation as OperationId);
      snapshot[operation as OperationId] = { tokens: bucket.tokens, at: bucket.updatedAt };
    }
    return snapshot;
  }

  /** The least time `calls` calls could take at the documented rates (the floor a run is measured against). */
  static floorMs(calls: ReadonlyMap<OperationId, number>): number {
    let floor = 0;
    for (const [operation, count] of calls) {
      const { rate, burst } = USAGE_PLANS[operation];
      floor = Math.max(floor, (Math.max(0, count - burst) / rate) * 1000);
    }
    return floor;
  }
}
