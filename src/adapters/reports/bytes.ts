// Comparing short byte ranges of a row without decoding them. A plain loop: Buffer#compare's
// argument checks cost more than the comparison itself at these lengths.

export function sameBytes(a: Buffer, aStart: number, aEnd: number, b: Buffer, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** Is bytes[start, end) the word (or, with `prefix`, does it start with it)? */
export function bytesAre(bytes: Buffer, start: number, end: number, word: Buffer, prefix = false): boolean {
  if (prefix ? end - start < word.length : end - start !== word.length) return false;
  return sameBytes(bytes, start, start + word.length, word, 0, word.length);
}

/**
 * The last value of a column, to compare the next row's with. It points into its chunk, which
 * stays valid while the next chunk is scanned (file-chunks.ts), so nothing is copied.
 */
export class RecentBytes {
  private bytes: Buffer | null = null;
  private start = 0;
  private end = 0;

  is(bytes: Buffer, start: number, end: number): boolean {
    return this.bytes !== null && sameBytes(this.bytes, this.start, this.end, bytes, start, end);
  }

  set(bytes: Buffer, start: number, end: number): void {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
  }
}
