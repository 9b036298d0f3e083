import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryBeside, writeAtomically, writeFileAtomicSync } from '../../src/io/atomic-file.cjs';
import { userFolder } from '../../src/audit/user-folders.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'close-account-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the one atomic file write', () => {
  it('replaces a file whole, 0600, and leaves no temporary file', async () => {
    const path = join(dir, 'out.json');
    writeFileSync(path, 'old');
    writeFileAtomicSync(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await writeAtomically(path, (fd) => void writeFileSync(fd, 'newer'), { mode: 0o644 });
    expect(readFileSync(path, 'utf8')).toBe('newer');
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('a writer that fails leaves the old file as it was and nothing beside it', async () => {
    const path = join(dir, 'out.json');
    writeFileSync(path, 'old');
    await expect(
      writeAtomically(path, (fd) => {
        writeFileSync(fd, 'half');
        throw new Error('source failed');
      }),
    ).rejects.toThrow('source failed');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('a temporary file left by a killed process (or a link planted there) is replaced, never written through', () => {
    const path = join(dir, 'head');
    const target = join(dir, 'victim');
    writeFileSync(target, 'keep');
    symlinkSync(target, temporaryBeside(path));
    writeFileAtomicSync(path, 'head');
    expect(readFileSync(path, 'utf8')).toBe('head');
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(readdirSync(dir).sort()).toEqual(['head', 'victim']);
  });

  it('a missing folder is an error, with nothing left', () => {
    expect(() => writeFileAtomicSync(join(dir, 'no', 'such'), 'x')).toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});

describe('the user folders, one platform switch', () => {
  it('follows XDG on Linux (absolute paths only) and the platform elsewhere', () => {
    expect(userFolder('data', {}, 'linux', '/h')).toBe('/h/.local/share');
    expect(userFolder('state', {}, 'linux', '/h')).toBe('/h/.local/state');
    expect(userFolder('data', { XDG_DATA_HOME: '/x' }, 'linux', '/h')).toBe('/x');
    expect(userFolder('state', { XDG_STATE_HOME: 'relative' }, 'linux', '/h')).toBe('/h/.local/state');
    expect(userFolder('state', { XDG_DATA_HOME: '/x' }, 'linux', '/h')).toBe('/h/.local/state');
    expect(userFolder('data', {}, 'darwin', '/h')).toBe('/h/Library/Application Support');
    expect(userFolder('state', { LOCALAPPDATA: 'C:\\L' }, 'win32', '/h')).toBe('C:\\L');
  });
});
