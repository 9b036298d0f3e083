// A report file's bytes as a stream of chunks, inflated on the way when the file is gzipped
// (recognised by its magic bytes, as SP-API delivers documents, whatever the file's name).

import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

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
export async function* fileChunks(path: string, highWaterMark = 4 << 20): AsyncGenerator<Buffer> {
  const file = createReadStream(path, { highWaterMark });
  if (await isGzip(path)) {
    const gunzip = createGunzip({ chunkSize: highWaterMark });
    file.on('error', (error) => gunzip.destroy(error));
    yield* file.pipe(gunzip) as AsyncIterable<Buffer>;
  } else {
    yield* file as AsyncIterable<Buffer>;
  }
}
