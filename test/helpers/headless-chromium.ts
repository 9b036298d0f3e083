// A real headless Chromium (Debian's `chromium`, installed by .ci/run) opens a page the tool wrote:
// the DOM after its scripts ran, and a screenshot to look at. No browser is downloaded by npm.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Runs Chromium with a temporary folder of its own, short, and removed after: Chromium puts a
 * socket in it, and a socket's path may be 107 bytes at most. Under the test's own temporary
 * folder (three levels below TMPDIR, itself /tmp/cab-xxx under bench/suite-time.mjs) it was longer,
 * and Chromium stopped: "Socket path too long".
 */
async function run(args: string[], options: { maxBuffer?: number; timeout: number }): Promise<{ stdout: string }> {
  const base = existsSync('/tmp') ? '/tmp' : tmpdir();
  const own = mkdtempSync(join(base, 'ca-chromium-'));
  try {
    return await execFileAsync(chromiumPath(), [...args, `--user-data-dir=${join(own, 'profile')}`], { ...options, env: { ...process.env, TMPDIR: own } });
  } finally {
    rmSync(own, { recursive: true, force: true });
  }
}

/** The browser's path: CHROMIUM_PATH, else Debian's. Throws with the install command when absent. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('No Chromium found: `apt-get install -y chromium` (as .ci/run does), or set CHROMIUM_PATH.');
  return found;
}

// --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--hide-scrollbars'];

/** The page's DOM once its scripts have run (virtual time, so no real waiting on timers). */
export async function renderedDom(htmlFile: string): Promise<string> {
  const { stdout } = await run([...FLAGS, '--virtual-time-budget=2000', '--dump-dom', pathToFileURL(htmlFile).href], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return stdout;
}

/** A PNG screenshot of the page at the given window size. */
export async function screenshot(htmlFile: string, pngFile: string, width = 1200, height = 900): Promise<void> {
  await run([...FLAGS, '--virtual-time-budget=2000', `--window-size=${width},${height}`, `--screenshot=${pngFile}`, pathToFileURL(htmlFile).href], { timeout: 60_000 });
}

/**
 * The page's DOM once its scripts have run, and a PNG screenshot of it at the given window size,
 * from one start of the browser (a start costs about a second of CPU).
 */
export async function renderedDomAndScreenshot(htmlFile: string, pngFile: string, width = 1200, height = 900): Promise<string> {
  const { stdout } = await run([...FLAGS, '--virtual-time-budget=2000', `--window-size=${width},${height}`, '--dump-dom', `--screenshot=${pngFile}`, pathToFileURL(htmlFile).href], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return stdout;
}
