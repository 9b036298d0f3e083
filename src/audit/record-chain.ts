// The audit log's hash chain: every record stores the hash of the record before it and its own
// hash over a canonical form of its content, so an edited, deleted or reordered record shows.

import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The first record's "previous hash". */
export const GENESIS_HASH = '0'.repeat(64);

export interface RecordContent {
  seq: number;
  at: string;
  runId: string | null;
  type: string;
  requestId: string | null;
  /** Canonical JSON of the record's details. */
  body: string;
}

export interface StoredRecord extends RecordContent {
  prevHash: string;
  hash: string;
}

export function recordHash(prevHash: string, content: RecordContent): string {
  return createHash('sha256').update(`${prevHash}\n${canonicalContent(content)}`).digest('hex');
}

const text = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));

/**
 * canonicalJson of the content's six fields, spelled out in their sorted order: verify hashes every
 * record of the log, and the generic form (entries, filter, sort) cost more than the hash. A
 * content the spelled-out form does not cover (a missing field, a number JSON cannot spell) takes
 * the generic one. test/audit/record-chain.test.ts holds the two to the same bytes.
 */
export function canonicalContent(content: RecordContent): string {
  const { seq, at, runId, type, requestId, body } = content;
  const plain = typeof seq === 'number' && Number.isFinite(seq) && typeof at === 'string' && typeof type === 'string' && typeof body === 'string';
  if (!plain || !(runId === null || typeof runId === 'string') || !(requestId === null || typeof requestId === 'string')) {
    return canonicalJson({ seq, at, runId, type, requestId, body });
  }
  return `{"at":${JSON.stringify(at)},"body":${JSON.stringify(body)},"requestId":${text(requestId)},"runId":${text(runId)},"seq":${JSON.stringify(seq)},"type":${JSON.stringify(type)}}`;
}

export type ChainProblem =
  | { kind: 'edited'; seq: number }
  | { kind: 'missing'; seq: number }
  | { kind: 'reordered'; seq: number }
  | { kind: 'broken-link'; seq: number }
  | { kind: 'guards-removed'; seq: number; guard: string }
  | { kind: 'guard-changed'; seq: number; guard: string }
  | { kind: 'unexpected-guard'; seq: number; guard: string }
  | { kind: 'not-json'; seq: number }
  | { kind: 'truncated'; seq: number; headPath: string }
  | { kind: 'rewritten'; seq: number; headPath: string }
  | { kind: 'damaged'; seq: number; detail: string };

export interface ChainVerdict {
  intact: boolean;
  records: number;
  head: string;
  problem: ChainProblem | null;
}

/**
 * Walks the records in storage order and names the first one that does not hold: a gap in the
 * numbering (deleted), a number out of order (reordered), a hash that does not match its content
 * (edited), or a link to a previous hash that is not the record before's (cut or reordered).
 * `after`: the records follow that one (already verified), not the start of the chain.
 */
export function verifyChain(records: Iterable<StoredRecord>, after: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }): ChainVerdict {
  let expectedSeq = after.seq + 1;
  let prevHash = after.hash;
  let count = 0;
  for (const record of records) {
    count += 1;
    if (record.seq !== expectedSeq) {
      const kind = record.seq > expectedSeq ? 'missing' : 'reordered';
      return { intact: false, records: count, head: prevHash, problem: { kind, seq: kind === 'missing' ? expectedSeq : record.seq } };
    }
    if (recordHash(record.prevHash, record) !== record.hash) {
      return { intact: false, records: count, head: prevHash, problem: { kind: 'edited', seq: record.seq } };
    }
    if (record.prevHash !== prevHash) {
      return { intact: false, records: count, head: prevHash, problem: { kind: 'broken-link', seq: record.seq } };
    }
    prevHash = record.hash;
    expectedSeq += 1;
  }
  return { intact: true, records: count, head: prevHash, problem: null };
}
