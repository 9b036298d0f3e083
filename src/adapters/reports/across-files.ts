// Reports for overlapping periods (Date Range reports for Sep–Oct, then Oct–Nov), or one report
// downloaded twice, hold the same rows: a row that two files share is one transaction, counted
// once; a row one file repeats counts as often as that file has it (two equal charges on one day
// are two). One rule for every reader that adds rows up across files.

/** Tells, file by file and row by row, whether a row (by its text as written) is new across the files read so far. */
export class RowsAcrossFiles {
  /** The most times one file has shown each row. */
  private readonly most = new Map<string, number>();

  /** Starts reading a file: the test for each of its rows, in the file's order. */
  nextFile(): (row: string) => boolean {
    const here = new Map<string, number>();
    return (row) => {
      const seen = (here.get(row) ?? 0) + 1;
      here.set(row, seen);
      if (seen <= (this.most.get(row) ?? 0)) return false;
      this.most.set(row, seen);
      return true;
    };
  }
}

/** The records of several files, each with its row as written: a row that two files share is kept once. */
export function acrossFiles<T>(readings: readonly { items: readonly T[]; rows: readonly string[] }[]): T[] {
  const rows = new RowsAcrossFiles();
  return readings.flatMap(({ items, rows: written }) => {
    const isNew = rows.nextFile();
    return items.filter((_, i) => isNew(written[i]!));
  });
}
