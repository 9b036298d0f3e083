// Stands in for node:child_process inside commander, which needs it only to run external
// subcommands (close-account has none) but would load it, with net and dgram, at every start.
// The real module is loaded on first use.

let childProcess;
module.exports = new Proxy({}, { get: (_, name) => (childProcess ??= require('node:child_process'))[name] });
