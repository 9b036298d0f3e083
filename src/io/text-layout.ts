// Fitting text to the terminal: widths in display cells (a kanji takes two, a colour code none),
// and lines broken between words (or between CJK characters, which need no spaces), never inside
// a word, so that the terminal never breaks one itself.

/**
 * Columns on a terminal: East Asian wide characters (kanji, kana, hangul, full-width forms)
 * take two cells, so Japanese and Chinese titles line up too.
 */
export function displayWidth(text: string): number {
  // Nothing at U+1100 or above (no wide character, no surrogate pair): one cell per character. Most
  // text is so, and the loop below runs cold at start-up (`check` measures ~300 texts).
  if (!NARROW_ONLY_UNSURE.test(text)) return text.length;
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** A code unit at U+1100 or above: the first wide range starts there, and surrogates are above it. */
const NARROW_ONLY_UNSURE = /[\u1100-\uffff]/;

// eslint-disable-next-line no-control-regex -- colour codes are what is skipped
const ANSI = /\u001b\[[0-9;]*m/g;

/** Cells a text takes on screen, colour codes aside. */
export const visibleWidth = (text: string) => displayWidth(text.replace(ANSI, ''));

/** Wide characters: each is a place to break, as Chinese and Japanese need no spaces. */
const WIDE = '\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6\\u{20000}-\\u{3fffd}';
/** Punctuation that never starts a line (kinsoku): it stays with the character before it. */
const CLOSING = '、。，．）」』】〉》？！：；”’)\\].,:;!?';
/** Punctuation that never ends a line: it goes with the character after it. */
const OPENING = '（「『【〈《“‘([';
/**
 * Colour codes, runs of spaces, a command in backticks (never broken: it is copied as a whole),
 * a date written with 年月日 or a number with the character after it (2026年12月31日, 62日: a
 * date or count cut in two misreads), single wide characters (with their punctuation), and words.
 */
const TOKENS = new RegExp(
  `\\u001b\\[[0-9;]*m|[ \\t]+|\`[^\`\\n]*\`[${CLOSING}]*|[${OPENING}]*(?:\\d+年\\d+月(?:\\d+日)?|\\d+月\\d+日|\\d[\\d.,]*[${WIDE}])[${CLOSING}]*|[${OPENING}]*[${WIDE}][${CLOSING}]*|[^ \\t\\u001b\`${WIDE}]+[${CLOSING}]*|\``,
  'gu',
);

/**
 * Breaks one line into lines of at most `width` cells. Continuation lines keep the line's own
 * indentation (plus a list marker's, so "  → text" wraps under "text").
 */
export function wrapLine(line: string, width: number): string[] {
  if (width <= 0 || visibleWidth(line) <= width) return [line];
  const plain = line.replace(ANSI, '');
  // → • ✔ ✖ ○ as escapes: the bundle stays ASCII (scripts/build.mjs).
  const lead = /^ *(?:[\u2192\u2022\u2714\u2716!?\u25cb-] |\d+\. )?/.exec(plain)![0];
  const continuation = ' '.repeat(Math.min(displayWidth(lead), Math.floor(width / 2)));
  const lines: string[] = [];
  let current = '';
  let used = 0;
  let space = '';
  /** Nothing but indentation on the current line yet. */
  let fresh = true;
  const newLine = () => {
    lines.push(current.replace(/ +$/, ''));
    current = continuation;
    used = continuation.length;
    space = '';
    fresh = true;
  };
  // A command in backticks is kept whole, unless it is wider than the line itself: then it is
  // broken between its words (as the shell reads it), never inside one ("--confirm I|D").
  const tokens = (line.match(TOKENS) ?? []).flatMap((token) => (token.startsWith('`') && token.includes(' ') && displayWidth(token) > width - continuation.length ? token.split(/( +)/).filter((part) => part !== '') : [token]));
  for (const token of tokens) {
    if (token.startsWith('\u001b')) {
      current += token;
      continue;
    }
    if (/^[ \t]+$/.test(token)) {
      if (fresh && lines.length === 0) {
        current += token; // the line's own indentation
        used += token.length;
      } else space += token;
      continue;
    }
    const w = displayWidth(token);
    if (!fresh && used + space.length + w > width) newLine();
    if (!fresh) {
      current += space;
      used += space.length;
    }
    space = '';
    fresh = false;
    if (used + w > width) {
      // A word wider than the line (a long id or path): cut it, one character at a time.
      for (const ch of token) {
        if (used + displayWidth(ch) > width && used > continuation.length) newLine();
        current += ch;
        used += displayWidth(ch);
      }
      fresh = false;
      continue;
    }
    current += token;
    used += w;
  }
  lines.push(current.replace(/ +$/, ''));
  return lines;
}

/** Every line of `text` wrapped to `width` cells. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}

/** The widest piece of `text` that cannot be broken (a word, an id, a command in backticks). */
export function longestUnbreakable(text: string): number {
  return Math.max(0, ...(text.match(TOKENS) ?? []).filter((token) => !/^[ \t]+$/.test(token)).map((token) => visibleWidth(token)));
}

/** `text` cut to `width` cells, with an ellipsis when cut (for a line redrawn in place). */
export function fitToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let cut = '';
  for (const ch of text) {
    if (displayWidth(`${cut}${ch}…`) > width) break;
    cut += ch;
  }
  return `${cut}…`;
}
