// Which language to speak: --lang, else the locale (LC_ALL, then LC_MESSAGES, then LANG, as
// POSIX orders them), else English. Traditional Chinese locales get English rather than
// Simplified Chinese, which their readers did not ask for.

export const LANGUAGES = ['en', 'zh-CN', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export function languageOf(value: string | undefined): Language | null {
  if (!value) return null;
  const tag = value.split('.')[0]!.replace('_', '-').toLowerCase();
  if (tag === 'ja' || tag.startsWith('ja-')) return 'ja';
  if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans')) return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return null;
}

export function chooseLanguage(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): { language: Language; unknownFlag: string | null } {
  if (flag !== undefined) {
    const chosen = (LANGUAGES as readonly string[]).find((l) => l.toLowerCase() === flag.toLowerCase()) as Language | undefined;
    return chosen ? { language: chosen, unknownFlag: null } : { language: languageOf(flag) ?? 'en', unknownFlag: languageOf(flag) ? null : flag };
  }
  // The first locale variable that is set decides, as in POSIX; one we do not speak means English.
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return { language: languageOf(locale) ?? 'en', unknownFlag: null };
}

/**
 * The --lang value on a command line, read before the parser runs (the parser speaks it). Given
 * more than once, the last wins, as for every other flag (so a bad last value is never passed over
 * for a good first one); nothing after `--` is a flag.
 */
export function langFlag(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang') value = argv[++i];
    else if (argv[i]!.startsWith('--lang=')) value = argv[i]!.slice('--lang='.length);
  }
  return value;
}
