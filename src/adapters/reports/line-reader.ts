// Streams a report file as lines of bytes, without decoding them: gzip (by its magic bytes,
// as SP-API delivers documents) is inflated on the way, LF and CRLF both end a line.

import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

export interface ByteLine {
  /** 1-based line number in the (uncompressed) file. */
  number: number;
  bytes: Buffer;
  start: number;
  /** End of the line, without its CR or LF. */
  end: number;
}

const LF = 0x0a;
const CR = 0x0d;

export async function isGzip(path: string): Promise<boolean> {
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The file's byte chunks, inflated when it is gzipped. */
export async function* fileChunks(path: string, highWaterMark = 1 << 20): AsyncGenerator<Buffer> {
  const file = createReadStream(path, { highWaterMark });
  if (await isGzip(path)) {
    const gunzip = createGunzip({ chunkSize: highWaterMark });
    file.on('error', (error) => gunzip.destroy(error));
    yield* file.pipe(gunzip) as AsyncIterable<Buffer>;
  } else {
    yield* file as AsyncIterable<Buffer>;
  }
}

/**
 * The lines of a stream of chunks. Lines are cut from each chunk in place; only a line that
 * spans two chunks is copied, so memory stays at about one chunk whatever the file's size.
 */
export async function* readLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<ByteLine> {
  let carry: Buffer | null = null;
  let number = 0;
  for await (const chunk of chunks) {
    let from = 0;
    if (carry) {
      const newline = chunk.indexOf(LF);
      if (newline < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const joined = Buffer.concat([carry, chunk.subarray(0, newline)]);
      carry = null;
      yield line(joined, 0, joined.length, ++number);
      from = newline + 1;
    }
    for (;;) {
      const newline = chunk.indexOf(LF, from);
      if (newline < 0) break;
      yield line(chunk, from, newline, ++number);
      from = newline + 1;
    }
    if (from < chunk.length) carry = Buffer.from(chunk.subarray(from));
  }
  if (carry && carry.length > 0) yield line(carry, 0, carry.length, ++number);
}

function line(bytes: Buffer, start: number, end: number, number: number): ByteLine {
  return { number, bytes, start, end: end > start && bytes[end - 1] === CR ? end - 1 : end };
}
