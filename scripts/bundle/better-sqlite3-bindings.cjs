// Stands in for the `bindings` package inside the bundle. better-sqlite3 asks `bindings` for its
// compiled addon, and `bindings` searches from the calling file, which in the bundle is
// dist/close-account.cjs, not better-sqlite3. The addon is where its install put it.

const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');

module.exports = function loadAddon(name) {
  const root = dirname(require.resolve('better-sqlite3/package.json'));
  try {
    return require(join(root, 'build', 'Release', name));
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    // Built some other way (a debug build, say): let `bindings` search, from better-sqlite3.
    return createRequire(join(root, 'package.json'))('bindings')({ bindings: name, module_root: root });
  }
};
