// What the executable says when its own machinery fails: stdout or stderr cannot be written (a full
// disk, a stream opened read-only), or the bundled program cannot be loaded (dist/ incomplete or
// damaged). Said by dist/cli.cjs, which has not loaded (or could not load) the catalogues: the
// sentences are here in each language, as src/node-support.cts holds its own.

import type { Language } from './messages/language.cjs';

const OUTPUT_FAILED: Record<Language, (stream: string, code: string) => string> = {
  en: (stream, code) =>
    `error: Cannot write to ${stream} (${code}): what close-account printed there is incomplete.\nFree some disk space, or send the output to a file or program that can take it, then run the same command again.\n`,
  'zh-CN': (stream, code) =>
    `错误：无法写入 ${stream}（${code}）：close-account 输出到那里的内容不完整。\n请释放磁盘空间，或把输出送到能接收它的文件或程序，然后再次运行同一命令。\n`,
  ja: (stream, code) =>
    `エラー: ${stream} に書き込めません（${code}）。close-account がそこに出力した内容は不完全です。\nディスクの空きを作るか、出力を受け取れるファイルやプログラムに送ってから、同じコマンドをもう一度実行してください。\n`,
};

const UNLOADABLE: Record<Language, (file: string, detail: string) => string> = {
  en: (file, detail) =>
    `error: close-account cannot start: its file ${file} cannot be loaded (${detail}).\nThe installation is incomplete or damaged: in the checkout run \`npm run build\` (or install close-account again).\n`,
  'zh-CN': (file, detail) =>
    `错误：close-account 无法启动：无法加载其文件 ${file}（${detail}）。\n安装不完整或已损坏：请在检出目录中运行 \`npm run build\`（或重新安装 close-account）。\n`,
  ja: (file, detail) =>
    `エラー: close-account を起動できません。ファイル ${file} を読み込めません（${detail}）。\nインストールが不完全か壊れています。チェックアウトで \`npm run build\` を実行してください（または close-account をインストールし直してください）。\n`,
};

/** Output that could not be written: `stream` is "stdout" or "stderr", `code` the system's (ENOSPC). */
export function outputFailedMessage(stream: string, code: string, language: Language = 'en'): string {
  return OUTPUT_FAILED[language](stream, code);
}

/** The bundled program could not be read or compiled. */
export function unloadableProgramMessage(file: string, detail: string, language: Language = 'en'): string {
  return UNLOADABLE[language](file, detail);
}
