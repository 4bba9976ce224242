// CPU time as Linux counts it, for benches on a machine shared with other work: the calling thread's own
// (/proc/thread-self/stat) and the whole machine's busy time (/proc/stat), in seconds, 10 ms resolution
// (USER_HZ = 100). null where /proc is not there.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** User + system CPU seconds of the calling thread (a worker thread's own, not the process's). */
export function threadCpuSeconds(): number | null {
  const text = read('/proc/thread-self/stat');
  if (text === null) return null;
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis): state is 3,
  // utime 14 and stime 15 of the whole line.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds every core of the machine spent busy (user, nice, system, irq, softirq, steal) since boot. */
export function machineBusySeconds(): number | null {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return null;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
    TICKS_PER_SECOND
  );
}
