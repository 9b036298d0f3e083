// esbuild plugins for the program bundle (scripts/build.mjs): each swaps one module that costs
// start-up time for a stand-in (files beside this one say why).

import { fileURLToPath } from 'node:url';
import { embeddedDemoSellerModule } from './embedded-demo-seller.mjs';

const shim = (file) => fileURLToPath(new URL(file, import.meta.url));

export const bundleShims = {
  name: 'close-account-shims',
  setup(build) {
    build.onResolve({ filter: /^bindings$/ }, (args) => (/better-sqlite3/.test(args.importer) ? { path: shim('./better-sqlite3-bindings.cjs') } : undefined));
    build.onResolve({ filter: /^node:child_process$/ }, (args) => (/commander/.test(args.importer) ? { path: shim('./lazy-child-process.cjs') } : undefined));
    build.onLoad({ filter: /[\\/]src[\\/]adapters[\\/]demo[\\/]demo-seller\.ts$/ }, async (args) => ({ contents: await embeddedDemoSellerModule(build.esbuild, args.path), loader: 'js' }));
  },
};
