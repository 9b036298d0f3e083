// esbuild plugins for the program bundle (scripts/build.mjs): each swaps one module that costs
// start-up time for a stand-in (files beside this one say why).

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddedDemoSellerModule } from './embedded-demo-seller.mjs';

const shim = (file) => fileURLToPath(new URL(file, import.meta.url));

export const bundleShims = {
  name: 'close-account-shims',
  setup(build) {
    build.onResolve({ filter: /^bindings$/ }, (args) => (/better-sqlite3/.test(args.importer) ? { path: shim('./better-sqlite3-bindings.cjs') } : undefined));
    build.onResolve({ filter: /^node:child_process$/ }, (args) => (/commander/.test(args.importer) ? { path: shim('./lazy-child-process.cjs') } : undefined));
    build.onLoad({ filter: /[\\/]src[\\/]adapters[\\/]demo[\\/]demo-seller\.ts$/ }, async (args) => ({
      contents: await embeddedDemoSellerModule(build.esbuild, args.path, dirname(build.initialOptions.outfile)),
      loader: 'js',
    }));
    // The Chinese and Japanese catalogues are files of their own beside the program (scripts/build.mjs
    // builds them), read by a run in that language only: in the program file, every start would
    // read and check their ~330 KB.
    build.onResolve({ filter: /^\.\/(ja|zh-CN)\.js$/ }, (args) =>
      /[\\/]src[\\/]messages[\\/]catalogue\.ts$/.test(args.importer) ? { path: `./messages-${args.path.slice(2, -3)}.cjs`, external: true } : undefined,
    );
  },
};
