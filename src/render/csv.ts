// The one way a CSV row is written (plan --csv-dir, audit export --format csv): RFC 4180 quoting,
// and a cell that a spreadsheet would run as a formula (leading = + - @) is made text with a quote.

export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row, without its line ending. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}
