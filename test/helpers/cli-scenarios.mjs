// Several runs of the built program in ONE Node process, for tests that must see a real process's
// stdout and stderr (the leak scan) but need not pay Node's start-up for each run. Each scenario
// loads the bundled program afresh (dist/program-loader.cjs runs the bundle's code again), so its
// module state, the secret registry first of all, starts empty, as in a process of its own; the
// environment is replaced whole. Output goes to this process's real stdout and stderr, each run
// preceded by a marker line; the exit codes go to the file named by the second argument.
//   node cli-scenarios.mjs scenarios.json codes.json   (scenarios: [{ args: [...], env: {...} }])

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const { loadProgram } = createRequire(import.meta.url)(join(dist, 'program-loader.cjs'));
const version = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')).version;
const [scenarioFile, codesFile] = process.argv.slice(2);
const scenarios = JSON.parse(readFileSync(scenarioFile, 'utf8'));

const codes = [];
for (const [i, { args, env }] of scenarios.entries()) {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
  process.stdout.write(`\n@@scenario ${i}@@\n`);
  process.stderr.write(`\n@@scenario ${i}@@\n`);
  const { main, processTerminal } = loadProgram(dist).program;
  codes.push(await main(args, processTerminal(), { version }));
  writeFileSync(codesFile, JSON.stringify(codes));
}
