// A sale's time that went through a spreadsheet loses its zone and is written the way the
// spreadsheet's locale writes dates (05/09/2026, 9/5/2026, 05.09.2026, 2026/9/5, 2026-09-05 20:00),
// which the marketplace does not tell. Whatever the zone the wall clock was in and whatever the
// locale, the day the 90 days clear must never come earlier than for the true moment.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReportTimestamp } from '../../src/adapters/reports/report-values.js';
import { MARKETPLACE_TIME_ZONES, periodClearsOn } from '../../src/core/sale-window.js';

const pad = (n: number) => String(n).padStart(2, '0');

// One formatter per zone: making one costs a thousand times more than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function wallClock(time: number, zone: string) {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(new Date(time))
      .map((p) => [p.type, Number(p.value)]),
  );
  return { y: parts.year!, mo: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute! };
}

const FORMATS = {
  'day-first slashes': (c: ReturnType<typeof wallClock>) => `${pad(c.d)}/${pad(c.mo)}/${c.y} ${pad(c.h)}:${pad(c.mi)}`,
  'month-first slashes': (c: ReturnType<typeof wallClock>) => `${c.mo}/${c.d}/${c.y} ${c.h}:${pad(c.mi)}`,
  'day-first dots': (c: ReturnType<typeof wallClock>) => `${pad(c.d)}.${pad(c.mo)}.${c.y} ${pad(c.h)}:${pad(c.mi)}`,
  'year-first slashes': (c: ReturnType<typeof wallClock>) => `${c.y}/${c.mo}/${c.d} ${c.h}:${pad(c.mi)}`,
  'ISO without zone': (c: ReturnType<typeof wallClock>) => `${c.y}-${pad(c.mo)}-${pad(c.d)} ${pad(c.h)}:${pad(c.mi)}:00`,
} as const;

describe('sale times without a zone', () => {
  it('never clear the 90 days earlier than the true moment, in any zone, any locale, any marketplace guess', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }),
        fc.constantFrom(...MARKETPLACE_TIME_ZONES),
        fc.constantFrom(...(Object.keys(FORMATS) as (keyof typeof FORMATS)[])),
        fc.constantFrom('day-first' as const, 'month-first' as const),
        (time, zone, format, guess) => {
          const truth = Math.floor(time / 60_000) * 60_000;
          const text = FORMATS[format](wallClock(truth, zone));
          const read = Date.parse(parseReportTimestamp(text, guess));
          expect(periodClearsOn(read, 90) >= periodClearsOn(truth, 90), `${text} (${zone})`).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
