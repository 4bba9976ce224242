// scripts/local-stores.sh and scripts/local-stores.d/ are written by hand for users to read; these tests tie them to
// the engine descriptors so the two cannot drift: the script runs exactly the server engines whose descriptor has a
// local server, each defined in the file the descriptor names, at the URL the descriptor gives. Nothing is
// started: the script is sourced with its `help` subcommand, which only defines the srv_* functions.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_ENGINES } from '../../src/stores/engine-lookup.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const MAIN_SCRIPT = 'scripts/local-stores.sh';
const EXTRA_DIR = 'scripts/local-stores.d';

// An empty state directory: ClickHouse's URL then has its preferred port, not the one a running server moved to.
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'polyglot-local-stores-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** server name → the script file that adds it to SERVERS (read from the text, as a user would find it). */
function definingScripts(): Record<string, string> {
  const listed = (file: string, pattern: RegExp): Array<[string, string]> => {
    const list = pattern.exec(readFileSync(path.join(ROOT, file), 'utf8'))?.[1] ?? '';
    return list
      .split(/\s+/)
      .filter(Boolean)
      .map((name) => [name, file]);
  };
  const extras = readdirSync(path.join(ROOT, EXTRA_DIR))
    .filter((file) => file.endsWith('.sh'))
    .flatMap((file) => listed(`${EXTRA_DIR}/${file}`, /^SERVERS\+=\(([^)]*)\)/m));
  return Object.fromEntries([...listed(MAIN_SCRIPT, /^SERVERS=\(([^)]*)\)/m), ...extras]);
}

/** server name → what its srv_NAME_url prints, with every file of the script sourced. */
function scriptUrls(): Promise<Record<string, string>> {
  const program = `source ${MAIN_SCRIPT} help 2>/dev/null
for name in "\${SERVERS[@]}"; do printf '%s %s\\n' "$name" "$("srv_\${name}_url")"; done`;
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', program],
      { cwd: ROOT, env: { ...process.env, POLYGLOT_BENCH_STORES_DIR: stateDir } },
      (error, stdout) => {
        if (error) return reject(error);
        const lines = stdout.trim().split('\n').filter(Boolean);
        resolve(Object.fromEntries(lines.map((line) => line.split(' ', 2) as [string, string])));
      },
    );
  });
}

const defined = definingScripts();
const printed = scriptUrls();
const withLocal = SERVER_ENGINES.flatMap((engine) =>
  engine.server.local ? [{ kind: engine.kind, local: engine.server.local }] : [],
);

describe('scripts/local-stores.sh ↔ the engine descriptors', () => {
  it('runs exactly the server engines whose descriptor has a local server', async () => {
    const descriptorKinds = withLocal.map(({ kind }) => kind).sort();
    expect(Object.keys(defined).sort()).toEqual(descriptorKinds);
    expect(Object.keys(await printed).sort()).toEqual(descriptorKinds);
  });

  for (const { kind, local } of withLocal) {
    it(`${kind}: defined in ${local.startedBy}, at the descriptor's URL`, async () => {
      expect(defined[kind]).toBe(local.startedBy);
      expect((await printed)[kind]).toBe(local.url);
    });
  }
});
