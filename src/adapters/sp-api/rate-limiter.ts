// One token bucket per operation, starting from the documented rate and burst, and following the
// rate Amazon states in x-amzn-RateLimit-Limit when it sends one. Calls wait for a token rather
// than being refused.

import { USAGE_PLANS, type OperationId } from './models/usage-plans.js';

interface Bucket {
  rate: number;
  burst: number;
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  private bucket(operation: OperationId): Bucket {
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      const plan = USAGE_PLANS[operation];
      bucket = { rate: plan.rate, burst: plan.burst, tokens: plan.burst, updatedAt: this.now() };
      this.buckets.set(operation, bucket);
    }
    const now = this.now();
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * bucket.rate);
    bucket.updatedAt = now;
    return bucket;
  }

  /** How long to wait (ms) before the operation may be called; takes the token. */
  reserve(operation: OperationId): number {
    const bucket = this.bucket(operation);
    bucket.tokens -= 1;
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens / bucket.rate) * 1000);
  }

  /** After a 429: the bucket is empty, whatever we thought. */
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
