// The interface in Chinese and Japanese: human text in the language, JSON the same ids and codes
// whatever the language, Japanese-header reports recognised with advice in the seller's language.
// main() runs in this process (runMain), the language chosen from its env (LANG) or --lang as a
// spawned CLI's is; the executable's own prerendered help in each language and locale is
// test/cli/prerendered-help.test.ts, the wizard in each language test/cli/wizard-languages-pty.test.ts.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readinessJsonSchema } from '../../src/render/json-schema.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { encode, readySellerReports, writeReport } from '../helpers/report-fixtures.js';

describe('languages', () => {
  it.each([
    ['ja_JP.UTF-8', '閉鎖できません', '最短の閉鎖日: 2027年2月18日'],
    ['zh_CN.UTF-8', '受阻', '最早可关闭日期：2027年2月18日'],
  ])('LANG=%s: the dry run speaks it', async (lang, blocked, earliest) => {
    const { env } = sandbox();
    const result = await runMain(['--dry-run'], { ...env, LANG: lang });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(blocked);
    expect(result.stdout).toContain(earliest);
  });

  it('JSON keeps ids, codes and ISO dates whatever the language; only summary and remediation change', async () => {
    const { env } = sandbox();
    const docs: ReturnType<typeof readinessJsonSchema.parse>[] = [];
    for (const lang of ['en', 'zh-CN', 'ja']) docs.push(readinessJsonSchema.parse(JSON.parse((await runMain(['check', '--json', '--lang', lang], env)).stdout)));
    const neutral = (doc: (typeof docs)[number]) => ({
      ...doc,
      audit: null,
      checks: doc.checks.map(({ summary: _s, remediation: _r, ...rest }) => rest),
      request: doc.request && { ...doc.request, problems: doc.request.problems.map((p) => p.field) },
    });
    expect(neutral(docs[1]!)).toEqual(neutral(docs[0]!));
    expect(neutral(docs[2]!)).toEqual(neutral(docs[0]!));
    expect(docs[2]!.earliestCloseDate).toBe('2027-02-18');
    expect(docs[2]!.checks[0]!.summary).toBe('4件の注文がまだ発送されていません。');
    expect(docs[1]!.checks[0]!.summary).toBe('有 4 个订单尚未发货。');
  });

  it('help speaks the language, headings included', async () => {
    const { env } = sandbox();
    const ja = (await runMain(['--help', '--lang', 'ja'], env)).stdout;
    expect(ja).toMatch(/^使い方: close-account/);
    expect(ja).toContain('オプション:');
    expect(ja).toContain('終了コード:');
    const zh = (await runMain(['check', '--help'], { ...env, LANG: 'zh_CN.UTF-8' })).stdout;
    expect(zh).toContain('全局选项:');
  });

  it.each([
    ['ja', 'アップロードデータ処理レポートの言語'],
    ['zh-CN', '上传数据处理报告语言'],
  ])('a report with Japanese column names: recognised, with how to get English headers (%s)', async (lang, setting) => {
    const { env, home } = sandbox();
    const dir = join(home, 'reports');
    mkdirSync(dir);
    readySellerReports(dir);
    // A Japanese Seller Central's All Orders download, Shift_JIS as Japan writes it.
    writeReport(dir, '注文レポート.txt', ['注文番号\t出品者注文番号\t購入日\t最終更新日\t注文ステータス', '249-1234567-1234567\t\t2026-11-20T10:00:00+09:00\t2026-11-20T10:00:00+09:00\t出荷済み'], { encoding: 'shift_jis' });
    const result = await runMain(['check', '--adapter', 'reports', '--reports-dir', dir, '--lang', lang], env);
    expect(result.stderr).toContain('注文レポート.txt');
    expect(result.stderr).toContain(setting);
    expect(encode('注文番号', 'shift_jis').length).toBe(8);
  });
  // The wizard in a terminal in each language, to the receipt: test/cli/wizard-languages-pty.test.ts.
});
