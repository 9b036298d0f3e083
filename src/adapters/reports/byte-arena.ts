// Where records keep the few bytes they decode later (an order's id, a listing's name): chunks
// are reused once scanned, so those bytes are copied out of them, into small buffers that are
// let go of with the records.

const ARENA_SIZE = 64 * 1024;

export class ByteArena {
  /** The buffer the last `keep` copied into: a record holds on to it. */
  current = Buffer.allocUnsafe(ARENA_SIZE);
  private used = 0;

  /**
   * Copies bytes[s1, e1) and bytes[s2, e2) next to each other into `current`; returns where the
   * first starts (the second follows it).
   */
  keep(bytes: Buffer, s1: number, e1: number, s2 = 0, e2 = 0): number {
    const length = e1 - s1 + (e2 - s2);
    if (length === 0) return this.used;
    if (this.used + length > this.current.length) {
      this.current = Buffer.allocUnsafe(Math.max(ARENA_SIZE, length));
      this.used = 0;
    }
    const at = this.used;
    this.used = copy(bytes, s1, e1, this.current, this.used);
    this.used = copy(bytes, s2, e2, this.current, this.used);
    return at;
  }
}


/** A byte loop: for a few dozen bytes it beats Buffer#copy, which makes a view per call. */
function copy(from: Buffer, start: number, end: number, to: Buffer, at: number): number {
  for (let i = start; i < end; i++) to[at++] = from[i]!;
  return at;
}
