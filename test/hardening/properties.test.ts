// Property-based tests (fast-check): whatever the input, the report parser, the config loader and
// the request schema either read it or refuse it with an error meant for the seller (exit 2);
// never a crash, an error of another kind, or a hang.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import { parseQuantity, parseReportTimestamp, ReportValueProblem } from '../../src/adapters/reports/report-values.js';
import { loadConfigFile } from '../../src/config/config-file.js';
import { assembleClosureRequest } from '../../src/core/closure-request.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { CliError } from '../../src/errors.js';
import { HEADERS } from '../helpers/report-fixtures.js';
import { t } from '../helpers/records.js';

const refusedForTheSeller = (error: unknown) => error instanceof CliError && error.exitCode === 2 && !/\n\s+at /.test(error.message);

describe('properties', () => {
  it('a quantity is a whole number, blank, or refused with what was found', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          const value = parseQuantity(text);
          if (value === null) return text.trim() === '';
          return Number.isInteger(value) && value >= 0 && /^\d+(\.0+)?$/.test(text.trim());
        } catch (error) {
          return error instanceof ReportValueProblem && error.found === text;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a date is an instant JavaScript can read, or refused', () => {
    const dateLike = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d, h]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00+00:00`),
      fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1900, max: 2100 })).map(([a, b, y]) => `${a}/${b}/${y}`),
    );
    fc.assert(
      fc.property(dateLike, (text) => {
        try {
          return !Number.isNaN(Date.parse(parseReportTimestamp(text)));
        } catch (error) {
          return error instanceof ReportValueProblem;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('any bytes under a real report header: read, or refused with exit 2 naming file and line', async () => {
    const headers = [HEADERS.allOrders, HEADERS.manageInventory, HEADERS.allListings, HEADERS.removalOrders, HEADERS.returns];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...headers), fc.uint8Array({ maxLength: 2000 }), fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 40 }), { maxLength: 20 }), async (header, noise, rows) => {
        const dir = mkdtempSync(join(tmpdir(), 'prop-report-'));
        const body = Buffer.concat([Buffer.from(`${header}\n${rows.map((r) => r.join('\t')).join('\n')}\n`), Buffer.from(noise)]);
        writeFileSync(join(dir, 'report.txt'), body);
        try {
          const adapter = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: new Date('2026-11-26T12:00:00Z') });
          await evaluateReadiness(adapter, { asOf: '2026-11-26', t, attested: new Set() });
          return true;
        } catch (error) {
          return refusedForTheSeller(error) && (error as CliError).message.includes('report.txt');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('any config file: loaded, or refused with exit 2 naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prop-config-'));
    const path = join(dir, 'config.json');
    const content = fc.oneof(fc.string({ maxLength: 200 }), fc.json(), fc.object().map((o) => JSON.stringify(o)), fc.record({ adapter: fc.string(), auditDb: fc.oneof(fc.string(), fc.integer()) }).map((o) => JSON.stringify(o)));
    fc.assert(
      fc.property(content, (text) => {
        writeFileSync(path, text);
        try {
          loadConfigFile(path, t);
          return true;
        } catch (error) {
          return refusedForTheSeller(error) && (error as CliError).message.includes(path);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('any request fields: a request, or problems naming the fields; never a throw', async () => {
    const anything = fc.oneof(fc.string({ maxLength: 40 }), fc.constant(undefined), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.record({ sellerId: anything, region: anything, marketplaces: anything, reason: anything, reasonText: anything, email: anything, phone: anything }), async (fields) => {
        const result = await assembleClosureRequest(fields as never, { asOf: '2026-11-26', verdict: 'ready' }, t);
        if (result.ok) return /^[A-Z0-9]{8,20}$/.test(result.request.sellerId) && /^CR-[0-9A-F]{16}$/.test(result.request.id);
        return result.problems.length > 0 && result.problems.every((p) => p.field.length > 0 && p.message.length > 0);
      }),
      { numRuns: 1000 },
    );
  });
});
