#!/usr/bin/env node
// The build: compile src/ into an empty dist/ (so no file of an older build survives), keep the
// executable executable (npm marks it so only when it links it; a rebuild would otherwise leave
// `npx close-account` with "Permission denied"), then render the help screens.

import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
chmodSync(join(root, 'dist', 'cli.cjs'), 0o755);
execFileSync(process.execPath, [join(root, 'scripts', 'render-help.mjs')], { stdio: 'inherit' });
