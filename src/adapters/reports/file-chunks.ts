// A report file's bytes as a stream of chunks, inflated on the way when the file is gzipped
// (recognised by its magic bytes, as SP-API delivers documents, whatever the file's name).
//
// A plain file is read into three buffers in turn, the next read running while the current
// chunk is scanned, so that reading a file of any size allocates nothing more. A chunk therefore
// stays valid while the one after it is scanned (a row may be compared with the row before),
// and no longer: whoever keeps bytes past that copies them.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

export const CHUNK_SIZE = 1 << 20;

export async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** `gzip`: whether the file is gzipped, when the caller already knows (else it is looked at). */
export async function* fileChunks(path: string, size = CHUNK_SIZE, gzip?: boolean): AsyncGenerator<Buffer> {
  if (gzip ?? (await isGzip(path))) {
    const file = createReadStream(path, { highWaterMark: size });
    const gunzip = createGunzip({ chunkSize: size });
    file.on('error', (error) => gunzip.destroy(error));
    yield* file.pipe(gunzip) as AsyncIterable<Buffer>;
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
