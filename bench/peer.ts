// Running the peer tools (redis-benchmark, pgbench, …) and reading their figures from their output.
import { spawn } from 'node:child_process';

/** Runs a command to completion; its stdout and stderr together, or an error with both on failure. */
export function runCommand(
  command: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      reject(new Error(`${command} could not start (${error.message}): is it installed and on PATH?`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/** The first number the pattern captures in text; throws with the text when it is absent. */
export function captureNumber(text: string, pattern: RegExp, what: string): number {
  const match = pattern.exec(text);
  const value = match?.[1] === undefined ? NaN : Number(match[1]);
  if (!Number.isFinite(value)) throw new Error(`could not read ${what} from:\n${text}`);
  return value;
}
