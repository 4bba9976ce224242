// Issue 14, defect 5: a second Ctrl-C quits at once — also while the report is being written. Whatever instant it
// lands on, no report file may be left under its final name empty or cut short: the JSON is complete or absent.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, startCli } from './cli-process.js';

// Enough journeys that the report takes a while to write.
const SCENARIO = `
name: double-interrupt
seed: 4
data: { users: 100, products: 200, categories: 5, historicalOrders: 100 }
layouts: [baseline]
warmup: 0s
load: { model: open, phases: [{ duration: 20s, arrivalRate: 100 }] }
journeys: { thinkTime: { min: 0ms, max: 2ms } }
`;

describe('a second Ctrl-C', () => {
  let dir: string;
  let scenario: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgb-twice-'));
    scenario = join(dir, 'twice.yaml');
    await writeFile(scenario, SCENARIO);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function interruptTwice(out: string, when: 'after-first' | 'while-writing', gapMs: number) {
    const cli = startCli(['run', scenario, '--out', out, '--no-progress']);
    await cli.printed(/opening stores/);
    // Some journeys measured (PGlite starts and loads in about a second here).
    await sleep(3000);
    cli.child.kill('SIGINT');
    if (when === 'while-writing') {
      // The terminal report is printed just before the files are written.
      await new Promise<void>((resolve) => {
        if (cli.stdout().length > 0) resolve();
        else cli.child.stdout!.once('data', () => resolve());
      });
    }
    await sleep(gapMs);
    cli.child.kill('SIGINT');
    return cli.exited;
  }

  async function reportFiles(out: string): Promise<string[]> {
    const names = await readdir(out).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith('.json') && !name.startsWith('.'));
  }

  it.each([
    ['after-first', 10],
    ['after-first', 50],
    ['while-writing', 0],
    ['while-writing', 3],
  ] as const)(
    'leaves no empty or partial report (%s, %i ms)',
    async (when, gapMs) => {
      const out = join(dir, `${when}-${gapMs}`);
      const exit = await interruptTwice(out, when, gapMs);
      // 130 from the handler; once the run has finished and let go of its handlers, SIGINT's own default ends it.
      expect(exit.code === 130 || exit.signal === 'SIGINT', JSON.stringify(exit)).toBe(true);
      for (const name of await reportFiles(out)) {
        const text = await readFile(join(out, name), 'utf8');
        expect(text.length, name).toBeGreaterThan(0);
        expect(() => JSON.parse(text) as unknown, name).not.toThrow();
      }
    },
    60_000,
  );
});
