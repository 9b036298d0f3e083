// Numbers written with a comma every three digits (20,000 and 1,234.50), as English, Chinese and
// Japanese all write them. Hand-made because the first toLocaleString call loads ICU's locale
// data, about 10 ms of a 90 ms start-up, to print a handful of counts.

/** `fractionDigits` fixed digits after the point; without it, the number as JavaScript prints it. */
export function groupThousands(value: number, fractionDigits?: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = fractionDigits === undefined ? String(Math.abs(value)) : Math.abs(value).toFixed(fractionDigits);
  if (text.includes('e')) return String(value); // 1e21 and beyond: nothing sensible to group
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(text) !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
