// The built CLI as a child process that a test can watch and kill (SIGKILL) mid-run.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, CLI, ROOT, type CliResult } from './cli-process.js';

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr contains `text`. */
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
  exit(): Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string>): RunningCli {
  assertBuilt();
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForStderr: async (text, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!err.includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`"${text}" never came. stderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    exit: () => exited,
  };
}

/**
 * Several runs of the built program in one spawned Node process (cli-scenarios.mjs): each with the
 * bundle loaded afresh (an empty secret registry, as in a process of its own) and its own env, its
 * output on the real stdout and stderr. For scans of many runs where one start-up each is the cost.
 * It calls main() and takes the code it returns: nothing of the executable (dist/cli.cjs: the exit
 * code it sets, its flush before exiting, its --version and --help) is seen, so every command
 * family also has a run of the executable itself (startCli / runCli) somewhere in the suite.
 */
export async function runScenarios(scenarios: { args: string[]; env: Record<string, string> }[], workDir: string): Promise<CliResult[]> {
  assertBuilt();
  const scenarioFile = join(workDir, `scenarios-${process.hrtime.bigint()}.json`);
  const codesFile = `${scenarioFile}.codes`;
  writeFileSync(scenarioFile, JSON.stringify(scenarios));
  const child = spawn(process.execPath, [join(ROOT, 'test', 'helpers', 'cli-scenarios.mjs'), scenarioFile, codesFile], { env: {}, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const codes = existsSync(codesFile) ? (JSON.parse(readFileSync(codesFile, 'utf8')) as number[]) : [];
  rmSync(scenarioFile, { force: true });
  rmSync(codesFile, { force: true });
  if (exitCode !== 0 || codes.length !== scenarios.length) throw new Error(`the scenario runner stopped (exit ${exitCode}) after ${codes.length} of ${scenarios.length} runs:\n${err}`);
  const split = (text: string) => text.split(/\n@@scenario \d+@@\n/).slice(1);
  const [outs, errs] = [split(out), split(err)];
  return codes.map((code, i) => ({ code, stdout: outs[i] ?? '', stderr: errs[i] ?? '' }));
}

/** Several runs with one env, one after another in one spawned process (runScenarios): a sequence of commands on one home. */
export function runEach(runs: string[][], env: Record<string, string>, workDir: string): Promise<CliResult[]> {
  return runScenarios(runs.map((args) => ({ args, env })), workDir);
}
