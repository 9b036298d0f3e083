// Amazon's rate buckets persist between runs, so a run started right after another finds them
// partly spent. The tokens left are saved beside the audit log (per region and seller) and the
// next run starts from them; a missing or unreadable file means full buckets, as before.

import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomicSync } from '../../io/atomic-file.cjs';
import type { RateSnapshot } from './rate-limiter.js';

type Saved = Record<string, RateSnapshot>;

function readSaved(path: string): Saved {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Saved) : {};
  } catch {
    return {};
  }
}

export function loadRates(path: string, key: string): RateSnapshot {
  return readSaved(path)[key] ?? {};
}

export function saveRates(path: string, key: string, snapshot: RateSnapshot): void {
  try {
    const saved = readSaved(path);
    saved[key] = snapshot;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileAtomicSync(path, JSON.stringify(saved));
  } catch {
    // Only an optimisation: the next run starts with full buckets and meets Amazon's 429s instead.
  }
}
