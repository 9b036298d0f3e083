// Small input files (config, plan) are read only up to a cap, checked before and while reading:
// /dev/zero, a FIFO or a huge file is refused with a clear error instead of filling memory.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export function readBoundedText(path: string, cap: number, errors: { unreadable(code: string): Error; tooLarge(cap: number): Error }): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw errors.unreadable((error as NodeJS.ErrnoException).code ?? 'error');
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw errors.unreadable('EISDIR');
    if (stat.isFile() && stat.size > cap) throw errors.tooLarge(cap);
    // Devices and pipes say nothing of their size: read, but never past the cap.
    const buffer = Buffer.alloc(Math.min(cap + 1, stat.isFile() ? stat.size + 1 : cap + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      let read: number;
      try {
        read = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        throw errors.unreadable((error as NodeJS.ErrnoException).code ?? 'error');
      }
      if (read === 0) break;
      length += read;
    }
    if (length > cap) throw errors.tooLarge(cap);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
