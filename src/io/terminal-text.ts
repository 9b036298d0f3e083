// The one sanitiser for text that reaches a terminal: whatever came from outside (flags, report
// files, servers, the audit log) can carry control characters that clear the screen, retitle the
// window, move the cursor or reorder text. Every one of them except newline and tab is shown as a
// \uXXXX escape. The escape is JSON's own, so a JSON document passes through with the same value.

/** C0 controls but tab and newline, DEL, C1 controls, line/paragraph separators, bidirectional overrides. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/**
 * The only escape sequences close-account writes itself: chalk's (level 1) bold, dim, italic and
 * underline and their resets, and foreground colours other than black. Nothing that hides text
 * (conceal, black, backgrounds), moves the cursor, clears, or retitles.
 */
// eslint-disable-next-line no-control-regex -- ESC starts the colour codes
const OWN_COLOURS = /\u001b\[(?:[1-4]|2[2-4]|3[1-79]|9[0-7])m/g;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` safe for a terminal; `colours` lets close-account's own colour codes through. */
export function terminalText(text: string, colours = false): string {
  if (!colours) return text.replace(CONTROL, escaped);
  // Colour codes are kept by position: only exact matches of our own palette survive.
  let result = '';
  let last = 0;
  for (const match of text.matchAll(OWN_COLOURS)) {
    result += text.slice(last, match.index).replace(CONTROL, escaped) + match[0];
    last = match.index + match[0].length;
  }
  return result + text.slice(last).replace(CONTROL, escaped);
}
