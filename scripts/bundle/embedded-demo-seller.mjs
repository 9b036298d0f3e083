// Stands in for src/adapters/demo/demo-seller.ts in the program bundle: the demo seller as its own
// generator makes it, run here at build time and saved as JSON beside the program
// (dist/demo-seller/SCENARIO.json, one file each, so that the program file stays small: every start
// reads and checks all of it). The generator is fixed (a seeded PRNG, fixed dates), so its output is
// the same at every run; made at every start it took ~3 ms of `check` (V8 runs its 320-order loop
// cold, in the interpreter), where reading the JSON takes ~0.3 ms.
// Tests run the generator itself (src/); test/cli/embedded-demo-seller.test.ts holds the bundle to it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/** Folder of the JSON files, beside the program file. */
const DEMO_SELLER_FOLDER = 'demo-seller';

/** Writes each scenario's JSON under `dist`, and returns the JavaScript of the stand-in that reads them. */
export async function embeddedDemoSellerModule(esbuild, generatorPath, dist) {
  const folder = dirname(generatorPath);
  const entry = `export { demoSeller } from ${JSON.stringify(generatorPath)}; export { DEMO_SCENARIOS } from ${JSON.stringify(join(folder, 'demo-scenarios.ts'))};`;
  const built = await esbuild.build({ stdin: { contents: entry, resolveDir: folder, loader: 'ts' }, bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'warning' });
  const generator = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(generator, generator.exports, createRequire(generatorPath));
  const { demoSeller, DEMO_SCENARIOS } = generator.exports;
  mkdirSync(join(dist, DEMO_SELLER_FOLDER), { recursive: true });
  for (const scenario of DEMO_SCENARIOS) {
    const seller = demoSeller(scenario);
    const json = JSON.stringify(seller);
    // Fail closed: JSON drops undefined, turns NaN into null, dates into strings. Any such value
    // would make the bundle's seller differ from the generator's.
    if (!isDeepStrictEqual(JSON.parse(json), seller)) throw new Error(`the demo seller (${scenario}) does not survive JSON: embed it another way`);
    writeFileSync(join(dist, DEMO_SELLER_FOLDER, `${scenario}.json`), json);
  }
  return [
    '// The demo seller made at build time by src/adapters/demo/demo-seller.ts (scripts/bundle/embedded-demo-seller.mjs).',
    "import { readFileSync } from 'node:fs';",
    "import { join } from 'node:path';",
    `const SCENARIOS = ${JSON.stringify(DEMO_SCENARIOS)};`,
    'export function demoSeller(scenario) {',
    '  if (!SCENARIOS.includes(scenario)) throw new Error(`no demo scenario ${scenario}`);',
    `  const file = join(__dirname, ${JSON.stringify(DEMO_SELLER_FOLDER)}, \`\${scenario}.json\`);`,
    '  try {',
    "    return JSON.parse(readFileSync(file, 'utf8'));",
    '  } catch (error) {',
    '    // dist/ incomplete or damaged: the installation, said as such (main.ts), not a bug.',
    "    throw Object.assign(new Error(`${file}: ${error.code ?? error.name}`), { name: 'ProgramFileMissing', path: file, code: error.code ?? error.name });",
    '  }',
    '}',
    '',
  ].join('\n');
}
