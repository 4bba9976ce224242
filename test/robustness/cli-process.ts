// The CLI as a child process, as a user (or CI) runs it: for what only a real process shows — signals, exit
// codes, what is on disk afterwards. Runs the compiled CLI (bin/ → dist/), like the other end-to-end suites.
import { spawn, type ChildProcess } from 'node:child_process';

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr has printed a line matching pattern. */
  printed(pattern: RegExp): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): CliProcess {
  const child = spawn(process.execPath, ['bin/polyglot-bench.js', ...args], { env, stdio: 'pipe' });
  let out = '';
  let err = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(err)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    printed: (pattern) =>
      pattern.test(err)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
    exited,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
