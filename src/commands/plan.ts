// `plan`: the dated checklist from "blocked" to closed, as text or --json; --ics writes the dates
// as calendar events; --csv-dir writes the SKUs to remove and the listings to close, for Seller
// Central's bulk tools.

import { join } from 'node:path';
import { buildClosurePlan } from '../core/closure-plan.js';
import type { SellerDataSource } from '../core/seller-data-source.js';
import { EXIT } from '../errors.js';
import { outputFolder, writeOutputFile } from '../io/output-file.js';
import { csvRow } from '../render/csv.js';
import { planCalendar } from '../render/plan-calendar.js';
import { planJson } from '../render/plan-json.js';
import { checkTitle, describeItem, indent } from '../render/readiness-human.js';
import type { Readiness } from '../core/readiness.js';
import type { PlanStep } from '../core/closure-plan.js';

/** How many records a plan step lists on screen; --json carries the capped list. */
const ITEMS_SHOWN = 5;

/** The records a step concerns in all: the counts of the checks it clears, or its list when larger. */
function stepItemCount(step: PlanStep, readiness: Readiness): number {
  const counted = readiness.checks.filter((c) => step.clears.includes(c.id)).reduce((sum, c) => sum + (c.count ?? 0), 0);
  return Math.max(counted, step.items.length);
}
import { withRecordedRun } from '../audit/run-recorder.js';
import { flagText } from '../config/flag-spec.js';
import { defineCommand } from '../command-kit/command-definition.js';
import type { CommandIo } from '../command-kit/command-io.js';
import { evaluateWithProgress, flagConfirmations, READINESS_FLAGS, resolveReadinessRun, runToRecord, withSource, type ReadinessRunOptions } from '../command-kit/readiness-run.js';

export interface PlanOptions {
  readonly run: ReadinessRunOptions;
  readonly json: boolean;
  /** Where to write the dates as calendar events, if anywhere. */
  readonly ics: string | null;
  /** Where to write the CSV files to act on, if anywhere. */
  readonly csvDir: string | null;
}

export const planCommand = defineCommand<PlanOptions>({
  name: 'plan',
  description: 'help.plan-command',
  // --seller-id: report files name no seller; it finds that seller's archive for data-export.
  flags: [...READINESS_FLAGS, { flags: '--ics <file>', help: 'help.ics' }, { flags: '--csv-dir <folder>', help: 'help.csv-dir' }, { flags: '--seller-id <token>', help: 'help.seller-id' }],
  examples: ['close-account plan', 'close-account plan --ics closure.ics --csv-dir to-do', 'close-account plan --demo-done all --json'],
  resolve(raw, globals) {
    return Object.freeze({ run: resolveReadinessRun(raw, globals), json: globals.options.json, ics: flagText(raw, 'ics') ?? null, csvDir: flagText(raw, 'csvDir') ?? null });
  },
  run: runPlan,
});

async function runPlan(options: PlanOptions, io: CommandIo): Promise<number> {
  const { t } = io;
  return withRecordedRun(runToRecord(io, 'plan', options.run), (recorder) =>
    withSource(io, options.run, async (source) => {
      const readiness = await evaluateWithProgress(io, source, options.run);
      recorder.readiness(readiness, flagConfirmations(options.run, readiness));
      const plan = buildClosurePlan(readiness);
      recorder.event('plan', { closeOn: plan.closeOn, steps: plan.steps.map((s) => ({ id: s.id, doneBy: s.doneBy })) });

      // The files first: a file that cannot be written fails the command before its document is printed.
      if (options.ics) {
        await writeOutputFile(options.ics, planCalendar(plan, t, io.term.now(), readiness.isDemo), t);
        io.say(t('plan.ics-written', { path: options.ics, events: plan.steps.length }));
      }
      if (options.csvDir) await writeActionFiles(io, source, options.csvDir);
      if (options.json) {
        io.print(JSON.stringify(planJson(readiness, plan, t), null, 2));
      } else {
        const lines: string[] = [];
        if (readiness.isDemo) lines.push(io.out.yellow(io.out.bold(t('demo.banner'))), '');
        lines.push(io.out.bold(t('plan.heading', { asOf: plan.asOf, closeOn: plan.closeOn })), '');
        if (!plan.complete) lines.push(io.out.yellow(t('plan.incomplete')), '');
        plan.steps.forEach((step, i) => {
          lines.push(`${io.out.bold(`${i + 1}. ${t(`plan.step.${step.id}`)}`)}  ${io.out.dim(t('plan.dates', { start: step.startOn, done: step.doneBy }))}`);
          lines.push(indent(`→ ${t(`plan.where.${step.id}`)}`, '   '), indent(io.out.dim(t(`plan.why.${step.id}`)), '   '));
          if (step.clears.length > 0) lines.push(indent(io.out.dim(t('plan.clears', { checks: step.clears.map((id) => checkTitle({ id }, t)).join(', ') })), '   '));
          for (const item of step.items.slice(0, ITEMS_SHOWN)) lines.push(indent(io.out.dim(describeItem(item, t)), '     '));
          // As `check` does: a cut list says how much it leaves out.
          const total = stepItemCount(step, readiness);
          if (total > ITEMS_SHOWN) lines.push(indent(io.out.dim(t('render.more-items', { count: total - ITEMS_SHOWN })), '     '));
          lines.push('');
        });
        io.print(lines.join('\n'));
      }
      return EXIT.ok;
    }),
  );
}

/** Every SKU, not just the first twenty on screen: the files are streamed from the source again. */
async function writeActionFiles(io: CommandIo, source: SellerDataSource, dir: string): Promise<void> {
  const folder = outputFolder(dir, io.t);
  const written: { path: string; rows: number }[] = [];
  const write = async (name: string, header: string[], rows: AsyncIterable<(string | number | null)[]>) => {
    const path = join(dir, name);
    let count = 0;
    await writeOutputFile(path, (async function* () {
      yield `${csvRow(header)}\n`;
      for await (const row of rows) {
        count += 1;
        yield `${csvRow(row)}\n`;
      }
    })(), io.t);
    folder.made.push(path);
    written.push({ path, rows: count });
  };
  try {
    await writeBoth(source, write);
  } catch (error) {
    // Both files or neither: what was written is removed with the folder made for it.
    folder.undo();
    throw error;
  }
  for (const { path, rows } of written) io.say(io.t('plan.csv-written', { path, rows }));
}

async function writeBoth(source: SellerDataSource, write: (name: string, header: string[], rows: AsyncIterable<(string | number | null)[]>) => Promise<void>): Promise<void> {
  const inventory = await source.inventory();
  if (inventory.available) {
    await write('fba-removals.csv', ['sku', 'product-name', 'sellable-quantity', 'unsellable-quantity', 'inbound-quantity', 'reserved-quantity'], (async function* () {
      for await (const batch of inventory.data) {
        for (const item of batch) {
          const inbound = (item.inboundWorking ?? 0) + (item.inboundShipped ?? 0) + (item.inboundReceiving ?? 0);
          if ((item.fulfillable ?? 0) + (item.unfulfillable ?? 0) + inbound + (item.reserved ?? 0) === 0) continue;
          yield [item.sku, item.name, item.fulfillable ?? 0, item.unfulfillable ?? 0, inbound, item.reserved ?? 0];
        }
      }
    })());
  }
  const listings = await source.listings();
  if (listings.available) {
    await write('listings-to-close.csv', ['sku', 'item-name', 'status', 'fulfillment'], (async function* () {
      for await (const batch of listings.data) for (const l of batch) yield [l.sku, l.name, l.status, l.fulfilment];
    })());
  }
}
