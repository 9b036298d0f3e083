// The built CLI as a child process that a test can watch and kill (SIGKILL) mid-run.

import { spawn, type ChildProcess } from 'node:child_process';
import { assertBuilt, CLI } from './cli-process.js';

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
