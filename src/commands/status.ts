// `status`: where the latest closure request stands and what to do next.

import { existsSync } from 'node:fs';
import { closureRequestText } from '../core/closure-request.js';
import { EXIT } from '../errors.js';
import { indent } from '../render/readiness-human.js';
import type { CommandContext } from './command-context.js';
import { openAuditLog } from './open-audit-log.js';

export async function runStatus(ctx: CommandContext): Promise<number> {
  const { t, options } = ctx;
  const latest = existsSync(options.auditDbPath) ? await readLatest(ctx) : undefined;
  const state = !latest ? 'none' : latest.submission ? 'submitted' : 'not-submitted';
  if (options.json) {
    ctx.print(
      JSON.stringify(
        {
          schemaVersion: 1,
          state,
          request: latest?.request ?? null,
          submission: latest?.submission
            ? { submitter: latest.submission.submitter, reference: latest.submission.reference, submittedAt: latest.submission.submitted_at }
            : null,
          audit: { database: options.auditDbPath },
        },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  if (!latest) {
    ctx.print(t('status.none', { path: options.auditDbPath }));
    return EXIT.ok;
  }
  const lines = [ctx.out.bold(t('status.latest', { id: latest.request.id, at: latest.createdAt })), indent(closureRequestText(latest.request, t)), ''];
  if (latest.submission) {
    lines.push(ctx.out.green(t('status.submitted', { at: latest.submission.submitted_at, via: latest.submission.submitter })));
    // A demo submission is a simulation: there is no email to wait for.
    lines.push(latest.submission.submitter === 'demo' ? t('status.demo-next') : t('status.submitted-next'));
  } else {
    lines.push(ctx.out.yellow(t('status.not-submitted')));
    lines.push(t('status.not-submitted-next'));
  }
  ctx.print(lines.join('\n'));
  return EXIT.ok;
}

async function readLatest(ctx: CommandContext) {
  const audit = await openAuditLog(ctx);
  try {
    return audit.latestRequest();
  } finally {
    audit.close();
  }
}
