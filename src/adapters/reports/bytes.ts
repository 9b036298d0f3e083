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
