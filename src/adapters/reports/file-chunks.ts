// A report file's bytes as a stream of chunks, inflated on the way when the file is gzipped
// (recognised by its magic bytes, as SP-API delivers documents, whatever the file's name).
//
// A plain file is read into three buffers in turn, the next read running while the current
// chunk is scanned, so that reading a file of any size allocates nothing more. A chunk therefore
// stays valid while the one after it is scanned (a row may be compared with the row before),
// and no longer: whoever keeps bytes past that copies them.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';

export const CHUNK_SIZE = 1 << 20;

/** A file's first `size` bytes as stored (all of it when shorter): one open, one read. */
export async function readHead(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(size), 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function isGzip(path: string): Promise<boolean> {
  const head = await readHead(path, 2);
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Whether text starts as UTF-16 does: Excel's "Unicode Text" save (tab-delimited, UTF-16LE with a
 * BOM), or an ASCII header in UTF-16 without one (a NUL after, or before, each of its characters).
 * A file of two or three bytes is a UTF-16 one cut after its first character when the NUL is
 * where UTF-16 puts it: read as bytes, the NUL made it a binary file, set aside as unrelated.
 */
export function utf16Of(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.length < 2) return null;
  // Bytes 3 and 4 where the file has them (a file cut before them has nothing to contradict).
  const third = head.length > 2 ? head[2] : undefined;
  const fourth = head.length > 3 ? head[3] : undefined;
  if (head[0] !== 0 && head[1] === 0 && third !== 0 && (fourth === undefined || fourth === 0)) return 'utf-16le';
  if (head[0] === 0 && head[1] !== 0 && (third === undefined || third === 0) && fourth !== 0) return 'utf-16be';
  return null;
}

/**
 * A report file's bytes, always in an encoding where tabs and line breaks are single bytes: a
 * UTF-16 file is turned into UTF-8 on the way (its rows would otherwise not be found at all).
 * `gzip`: whether the file is gzipped, when the caller already knows (else it is looked at).
 */
export async function* fileChunks(path: string, size = CHUNK_SIZE, gzip?: boolean): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | null | undefined;
  let head: Buffer | null = null;
  for await (const chunk of rawChunks(path, size, gzip)) {
    if (decoder === undefined) {
      head = head ? Buffer.concat([head, chunk]) : chunk;
      if (head.length < 4) {
        head = Buffer.from(head); // the chunk's buffer is reused
        continue;
      }
      const encoding = utf16Of(head);
      decoder = encoding ? new TextDecoder(encoding) : null;
      const first = head;
      head = null;
      yield decoder ? Buffer.from(decoder.decode(first, { stream: true }), 'utf8') : first;
      continue;
    }
    yield decoder ? Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8') : chunk;
  }
  if (head) {
    const encoding = utf16Of(head);
    yield encoding ? Buffer.from(new TextDecoder(encoding).decode(head), 'utf8') : head;
  } else if (decoder) {
    // An odd byte left over: the file was cut inside a character; U+FFFD keeps that visible.
    const rest = decoder.decode();
    if (rest) yield Buffer.from(rest, 'utf8');
  }
}

async function* rawChunks(path: string, size: number, gzip?: boolean): AsyncGenerator<Buffer> {
  if (gzip ?? (await isGzip(path))) {
    const file = createReadStream(path, { highWaterMark: size });
    const gunzip = createGunzip({ chunkSize: size });
    file.on('error', (error) => gunzip.destroy(error));
    try {
      yield* file.pipe(gunzip) as AsyncIterable<Buffer>;
    } finally {
      // A reader that stops early (the header found) ends the gunzip, not the file piped into it:
      // left paused, the file would stay open until the process exits.
      file.destroy();
    }
    return;
  }
  const handle = await open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
    let turn = 0;
    let pending = handle.read(buffers[turn]!, 0, size, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return;
      const chunk = buffers[turn]!.subarray(0, bytesRead);
      turn = (turn + 1) % 3;
      // That buffer held the chunk before the previous one, which nobody may read any more.
      pending = handle.read(buffers[turn]!, 0, size, null);
      yield chunk;
    }
  } finally {
    await handle.close();
  }
}
