#!/usr/bin/env node
// The build, into an empty dist/ (so no file of an older build survives):
// - dist/cli.cjs, the executable: answers --version and --help itself, else loads the program;
// - dist/close-account.cjs, the program: all of src/, commander and better-sqlite3's JavaScript
//   in one file, because Node starts one file from a code cache much faster than ~60 modules it
//   must find and compile (see src/program-loader.cts); what only some runs read is beside it:
//   dist/messages-ja.cjs and messages-zh-CN.cjs (the other languages' catalogues) and
//   dist/demo-seller/ (the demo seller's data, made by its generator: scripts/bundle/embedded-demo-seller.mjs);
// - dist/help/: the help screens, rendered by the program (scripts/render-help.mjs);
// - dist/close-account.code-cache: V8's compiled code for the program, saved after running it on
//   the demo seller (scripts/save-code-cache.mjs), so that `check` starts compiled.
// The types are checked by `npm run typecheck` (tsc), not here.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

// --if-changed (what `npm test` runs first): nothing to do when dist/ was built, to the end, from
// these very inputs: the bytes of src/, scripts/, package.json and the lock file, and this Node
// (the code cache is V8's). Any change, or a build that stopped half-way, builds it all again.
const files = (dir) => readdirSync(join(root, dir), { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
const inputs = createHash('sha256').update(`${process.version} ${process.execPath}\n`);
for (const file of [...files('src'), ...files('scripts'), 'package.json', 'package-lock.json'].sort()) inputs.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
const stamp = join(dist, '.build-inputs');
const digest = inputs.digest('hex');
if (process.argv.includes('--if-changed') && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) process.exit(0);

// Loaded only once there is something to build.
const [{ build }, { bundleShims }] = await Promise.all([import('esbuild'), import('./bundle/plugins.mjs')]);
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', absWorkingDir: root };

rmSync(dist, { recursive: true, force: true });
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The executable in Node 12's syntax, so that a Node older than `engines` reads it far enough to
// say so (src/node-support.cts) rather than fail to parse it.
await build({
  ...common,
  entryPoints: { cli: 'src/cli.cts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  target: 'node12',
  define: { PACKAGE_ENGINES_NODE: JSON.stringify(packageJson.engines.node) },
});
await build({ ...common, entryPoints: { 'program-loader': 'src/program-loader.cts' }, outdir: 'dist', outExtension: { '.js': '.cjs' } });
await build({
  ...common,
  entryPoints: ['src/program.ts'],
  outfile: 'dist/close-account.cjs',
  // Left out, loaded from node_modules when a command needs them: what only some commands use
  // (zod for request files, chalk for colour, prompts for the wizard, yaml for the portfolio's
  // accounts file). better-sqlite3's addon is found in its own folder at run time
  // (scripts/bundle/better-sqlite3-bindings.cjs).
  external: ['zod', 'chalk', '@inquirer/prompts', 'yaml', 'better-sqlite3/package.json'],
  plugins: [bundleShims],
  // import() as require(): V8's code cache loses the callback that import() needs inside a
  // vm.Script (src/program-loader.cts). Node 20.19+ requires chalk and the prompts, ES modules.
  supported: { 'dynamic-import': false },
  // Less to read at each start; names are kept, so a stack trace (CLOSE_ACCOUNT_DEBUG) still reads.
  minifyWhitespace: true,
  // Wrapped already as Node wraps a CommonJS module: the loader compiles the file's text as read,
  // with no wrapped copy made on V8's heap (src/program-loader.cts).
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '\n})' },
  minifySyntax: true,
});
// The Chinese and Japanese catalogues, beside the program: read by a run in that language only
// (scripts/bundle/plugins.mjs); the demo seller's data is there too (scripts/bundle/embedded-demo-seller.mjs).
await build({ ...common, entryPoints: { 'messages-ja': 'src/messages/ja.ts', 'messages-zh-CN': 'src/messages/zh-CN.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, minifyWhitespace: true });
const program = readFileSync(join(dist, 'close-account.cjs'));
if (/\bimport\(/.test(program.toString('latin1'))) throw new Error('dist/close-account.cjs still calls import()');
// ASCII only (esbuild escapes other characters in strings; a regular expression keeps what it is
// written with, so src/ writes them as \u escapes): one character outside ASCII and the 1 MB
// program is decoded the slow way (~3x) and held by V8 as a two-byte string, twice the memory.
const notAscii = program.findIndex((byte) => byte > 0x7f);
if (notAscii !== -1) throw new Error(`dist/close-account.cjs is not ASCII at byte ${notAscii}: ${program.subarray(Math.max(0, notAscii - 60), notAscii + 20).toString('utf8')}`);
// npm marks the executable so only when it links it; a rebuild would leave "Permission denied".
chmodSync(join(dist, 'cli.cjs'), 0o755);

for (const step of ['render-help.mjs', 'save-code-cache.mjs']) {
  execFileSync(process.execPath, [join(root, 'scripts', step)], { stdio: 'inherit' });
}
writeFileSync(stamp, digest);
