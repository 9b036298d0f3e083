// Which Node the tool runs on: the range package.json's `engines.node` gives (">=20.19"), checked
// by the executable before anything else loads, so an older Node gets a sentence and exit 2
// instead of a syntax error or "require() of ES Module" from deep inside the program.
// Written for old Nodes too: the executable is compiled down to Node 12's syntax (scripts/build.mjs).

import type { Language } from './messages/language.cjs';

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

/** The sentence in each language the tool speaks: here, not in the catalogues, which an old Node never loads. */
const TOO_OLD: Record<Language, (least: string, engines: string, version: string) => string> = {
  en: (least, engines, version) =>
    `close-account needs Node.js ${least} or newer (package.json "engines": "${engines}"); this is Node.js ${version}.\nInstall a current Node.js (https://nodejs.org, or your version manager: nvm install 20) and run it again.\n`,
  'zh-CN': (least, engines, version) =>
    `close-account 需要 Node.js ${least} 或更新版本（package.json "engines": "${engines}"）；当前是 Node.js ${version}。\n请安装当前版本的 Node.js（https://nodejs.org，或用版本管理器：nvm install 20）后再运行。\n`,
  ja: (least, engines, version) =>
    `close-account には Node.js ${least} 以降が必要です（package.json "engines": "${engines}"）。実行中の Node.js は ${version} です。\n新しい Node.js をインストールして（https://nodejs.org、またはバージョン管理ツールで nvm install 20）、もう一度実行してください。\n`,
};

/**
 * The message for a Node older than `engines` allows, in the seller's language (--lang, then the
 * locale, as chooseLanguage reads them), or null when `version` (process.version) is new enough,
 * or either cannot be read (the tool then tries to run rather than refuse).
 */
export function unsupportedNodeMessage(version: string, engines: string, language: Language = 'en'): string | null {
  const least = leastSupported(engines);
  const running = versionOf(version);
  if (!least || !running) return null;
  for (let i = 0; i < 3; i++) {
    if (running[i]! > least[i]!) return null;
    if (running[i]! < least[i]!) return TOO_OLD[language](least.join('.'), engines.trim(), version);
  }
  return null;
}
