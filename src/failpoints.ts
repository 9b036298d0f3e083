// Named points where a test can stop the process dead (CLOSE_ACCOUNT_FAILPOINT=name): the
// process says it reached the point and waits, and the test kills it with SIGKILL there. This
// is how the crash tests prove that no point of a submission leaves the audit log inconsistent
// or lets a request be submitted twice. Without the variable it does nothing.

export async function failpoint(name: string, env: Readonly<Record<string, string | undefined>>, stderr: NodeJS.WritableStream): Promise<void> {
  if (env.CLOSE_ACCOUNT_FAILPOINT !== name) return;
  stderr.write(`failpoint reached: ${name}\n`);
  await new Promise(() => setInterval(() => {}, 60_000));
}
