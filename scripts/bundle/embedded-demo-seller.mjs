// Stands in for src/adapters/demo/demo-seller.ts in the program bundle: the demo seller as its own
// generator makes it, run here at build time and embedded as JSON. The generator is fixed (a seeded
// PRNG, fixed dates), so its output is the same at every run; made at every start it took ~3 ms of
// `check` (V8 runs its 320-order loop cold, in the interpreter), where reading the JSON takes ~0.3 ms.
// Tests run the generator itself (src/); test/cli/embedded-demo-seller.test.ts holds the bundle to it.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/** The JavaScript of the stand-in: demoSeller(scenario), each scenario's JSON in a function of its own (compiled, and kept in the code cache, only when used). */
export async function embeddedDemoSellerModule(esbuild, generatorPath) {
  const folder = dirname(generatorPath);
  const entry = `export { demoSeller } from ${JSON.stringify(generatorPath)}; export { DEMO_SCENARIOS } from ${JSON.stringify(join(folder, 'demo-scenarios.ts'))};`;
  const built = await esbuild.build({ stdin: { contents: entry, resolveDir: folder, loader: 'ts' }, bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'warning' });
  const generator = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(generator, generator.exports, createRequire(generatorPath));
  const { demoSeller, DEMO_SCENARIOS } = generator.exports;
  const sellers = DEMO_SCENARIOS.map((scenario) => {
    const seller = demoSeller(scenario);
    const json = JSON.stringify(seller);
    // Fail closed: JSON drops undefined, turns NaN into null, dates into strings. Any such value
    // would make the bundle's seller differ from the generator's.
    if (!isDeepStrictEqual(JSON.parse(json), seller)) throw new Error(`the demo seller (${scenario}) does not survive JSON: embed it another way`);
    return `  ${JSON.stringify(scenario)}: () => ${JSON.stringify(json)},`;
  });
  return [
    '// The demo seller made at build time by src/adapters/demo/demo-seller.ts (scripts/bundle/embedded-demo-seller.mjs).',
    'const SELLERS = {',
    ...sellers,
    '};',
    'export function demoSeller(scenario) {',
    '  if (!Object.hasOwn(SELLERS, scenario)) throw new Error(`no demo scenario ${scenario}`);',
    '  return JSON.parse(SELLERS[scenario]());',
    '}',
    '',
  ].join('\n');
}
