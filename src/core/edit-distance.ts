// How far apart two names are: a mistyped command (command-typos.ts), a report column name with a
// byte changed (report-kinds.ts).

/** Edit distance with transpositions: "chek" is one step from "check", "sbumit" one from "submit". */
export function editDistance(a: string, b: string): number {
  // Three rows of the table, not the whole of it: a report's every header name is measured against
  // every column its checks read, for each file read.
  let before = new Int32Array(b.length + 1);
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}
