// What dist/close-account.cjs offers: the whole program behind the executable, bundled into one
// file (scripts/build.mjs) so that it starts from V8's code cache instead of compiling ~50 modules.

export { main, helpScreens } from './main.js';
export { processTerminal } from './io/terminal.js';
export { LANGUAGES } from './messages/language.cjs';
