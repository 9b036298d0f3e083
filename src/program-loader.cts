// Loads the bundled program (dist/close-account.cjs) with V8's code cache, which the build made
// after running the program once: V8 then skips parsing and compiling what `check` runs. Node 20
// has no compile cache of its own (module.enableCompileCache came in Node 22).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, resolve } from 'node:path';
import { Script } from 'node:vm';
import { writeFileAtomicSync } from './io/atomic-file.cjs';
import type * as Program from './program.js';

const PROGRAM_FILE = 'close-account.cjs';
const CODE_CACHE_FILE = 'close-account.code-cache';
// The cache starts with this digest of the bundle it was made from. V8 itself only compares the
// source's length, so a rebuilt bundle of the same length would otherwise run stale code.
const DIGEST = 'sha1'; // detects a stale cache, not an attacker
const DIGEST_BYTES = 20;

export interface LoadedProgram {
  program: typeof Program;
  /** Whether V8 took the cache: false when it is missing, stale, or made by another Node or flags. */
  cacheUsed: boolean;
  /** Saves the code compiled so far as the cache (the build calls this after running the program). */
  saveCodeCache(): void;
}

export function loadProgram(dir: string): LoadedProgram {
  const file = resolve(dir, PROGRAM_FILE);
  const cacheFile = resolve(dir, CODE_CACHE_FILE);
  const bytes = readFileSync(file);
  const digest = createHash(DIGEST).update(bytes).digest();
  const cachedData = readCache(cacheFile, digest);
  // The file is ASCII (the build checks) and already wrapped as a CommonJS module (the build does it):
  // read as latin1, a text this long reaches V8 as an external string, so the 1 MB program is
  // neither decoded nor copied onto V8's heap, where it would cost a collection.
  const script = new Script(bytes.toString('latin1'), { filename: file, cachedData });
  const module = { exports: {} as typeof Program };
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
  return {
    program: module.exports,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    // Readable by all, like the program it caches (an install by root serves every user).
    saveCodeCache: () => writeFileAtomicSync(cacheFile, Buffer.concat([digest, script.createCachedData()]), { mode: 0o644 }),
  };
}

function readCache(cacheFile: string, digest: Buffer): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined; // no cache: V8 compiles as usual
  }
  return cache.subarray(0, DIGEST_BYTES).equals(digest) ? cache.subarray(DIGEST_BYTES) : undefined;
}
