// What a webhook answers cannot hurt: a 2xx with an endless body is read up to its cap (the
// agency accepted: the submission is recorded, under the request id, and the process stays
// small); a reference that is huge or holds terminal escapes is not kept.

import { describe, expect, it } from 'vitest';
import { readAudit } from '../helpers/audit.js';
import { startCli } from '../helpers/cli-async.js';
import { sandbox } from '../helpers/cli-process.js';
import { startFloodingWebhook } from '../helpers/hostile-servers.js';

const SELLER = 'A2DEMO5ELLER7Q';

describe('webhook answers', () => {
  it('a 200 with a 2 GB body: accepted, recorded once under the request id, read no further than 64 KiB', async () => {
    const flood = await startFloodingWebhook();
    try {
      const { env, db } = sandbox();
      const run = startCli(
        ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER, '--submitter', 'webhook', '--webhook-url', flood.url, '--json'],
        { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: 'whsec-flood-0001' },
      );
      const code = await run.exit();
      expect(code, run.stderr()).toBe(0);
      const submission = JSON.parse(run.stdout()).submission;
      expect(submission.reference).toBe(submission.requestId);
      expect(readAudit(db).submissions).toBe(1);
      expect(flood.bytesSent()).toBeLessThan(256 * 1024 * 1024);
    } finally {
      await flood.close();
    }
  });
});
