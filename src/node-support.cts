// Which Node the tool runs on: the range package.json's `engines.node` gives (">=20.19"), checked
// by the executable before anything else loads, so an older Node gets a sentence and exit 2
// instead of a syntax error or "require() of ES Module" from deep inside the program.
// Written for old Nodes too: the executable is compiled down to Node 12's syntax (scripts/build.mjs).

/** Major, minor, patch of "v18.20.1" or "20.19"; null when it is not such a version. */
function versionOf(text: string): [number, number, number] | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

/** The least version `engines` allows: only the ">=X.Y.Z" form is understood (null for anything else: nothing is refused). */
export function leastSupported(engines: string): [number, number, number] | null {
  const m = /^\s*>=\s*(\S+)\s*$/.exec(engines);
  return m ? versionOf(m[1]!) : null;
}

/**
 * The message for a Node older than `engines` allows, or null when `version` (process.version)
 * is new enough, or either cannot be read (the tool then tries to run rather than refuse).
 */
export function unsupportedNodeMessage(version: string, engines: string): string | null {
  const least = leastSupported(engines);
  const running = versionOf(version);
  if (!least || !running) return null;
  for (let i = 0; i < 3; i++) {
    if (running[i]! > least[i]!) return null;
    if (running[i]! < least[i]!) {
      return `close-account needs Node.js ${least.join('.')} or newer (package.json "engines": "${engines.trim()}"); this is Node.js ${version}.\nInstall a current Node.js (https://nodejs.org, or your version manager: nvm install 20) and run it again.\n`;
    }
  }
  return null;
}
