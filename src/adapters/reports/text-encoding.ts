// The encodings Seller Central writes report files in: UTF-8 (with or without BOM),
// Windows-1252 (EU files) and Shift_JIS / cp932 (Japan), recognised from the bytes themselves.
// Tabs and line feeds are single ASCII bytes in all three (Shift_JIS trail bytes are 0x40 or
// above), so lines and fields can be cut on bytes before anything is decoded.

import { TextDecoder } from 'node:util';

export const ENCODINGS = ['utf-8', 'windows-1252', 'shift_jis'] as const;
export type Encoding = (typeof ENCODINGS)[number];

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
};

export function parseEncoding(name: string): Encoding | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]/;

/** Picks the encoding of a sample that holds non-ASCII bytes. */
export function detectEncoding(sample: Buffer): Encoding {
  // A sample may end in the middle of a character: `stream` keeps an unfinished one for later
  // instead of calling it an error.
  if (decodes(sample, 'utf-8')) return 'utf-8';
  if (decodes(sample, 'shift_jis', (text) => JAPANESE.test(text))) return 'shift_jis';
  return 'windows-1252';
}

function decodes(sample: Buffer, encoding: Encoding, accept: (text: string) => boolean = () => true): boolean {
  try {
    return accept(new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true }));
  } catch {
    return false;
  }
}

function hasHighByte(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * Decodes fields of one file. Until a field with a non-ASCII byte turns up every encoding reads
 * the same, so the choice is made then, on the bytes around it, unless one was forced.
 */
export class FieldDecoder {
  private decoder: TextDecoder | null = null;

  constructor(private encoding: Encoding | null) {
    if (encoding && encoding !== 'utf-8') this.decoder = new TextDecoder(encoding);
  }

  get chosen(): Encoding | null {
    return this.encoding;
  }

  choose(encoding: Encoding): void {
    this.encoding = encoding;
    this.decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  }

  decode(bytes: Buffer, start: number, end: number, context: Buffer = bytes): string {
    if (this.encoding === 'utf-8') return bytes.toString('utf8', start, end);
    if (!hasHighByte(bytes, start, end)) return bytes.toString('latin1', start, end);
    if (this.encoding === null) {
      this.choose(detectEncoding(context.subarray(start, Math.min(context.length, start + 65_536))));
      return this.decode(bytes, start, end, context);
    }
    return this.decoder!.decode(bytes.subarray(start, end));
  }
}
