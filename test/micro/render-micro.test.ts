// The micro table on fixed data: operations down, stores across, "mean ± margin" cells, — where a store does
// not serve the role, and the notes under the table.
import { describe, expect, it } from 'vitest';
import { renderMicro } from '../../src/micro/render-micro.js';
import type { MicroResult, MicroRow } from '../../src/micro/types.js';

function row(
  store: string,
  role: MicroRow['role'],
  operation: string,
  meanUs: number,
  marginPct: number,
): MicroRow {
  const kind = store === 'pg' ? 'pglite' : 'kuzu';
  return {
    store,
    kind,
    engine: kind === 'pglite' ? 'PostgreSQL' : 'Kuzu',
    version: kind === 'pglite' ? '17.5 (PGlite 0.3)' : '0.11.3',
    role,
    operation,
    meanUs,
    p99Us: meanUs * 2,
    marginPct,
    samples: 100,
    opsPerSec: 1e6 / meanUs,
  };
}

const RESULT: MicroResult = {
  stores: [
    {
      name: 'pg',
      kind: 'pglite',
      engine: 'PostgreSQL',
      version: '17.5 (PGlite 0.3)',
      roles: ['catalog', 'graph'],
    },
    { name: 'graphdb', kind: 'kuzu', engine: 'Kuzu', version: '0.11.3', roles: ['graph'] },
  ],
  // Graph rows first on purpose: the table orders roles as ROLE_NAMES does, not as rows arrive.
  rows: [
    row('pg', 'graph', 'alsoBought', 812.4, 1.234),
    row('pg', 'catalog', 'getProduct', 2.456, 0.04),
    row('graphdb', 'graph', 'alsoBought', 1530, 12.5),
  ],
  skipped: [
    { store: 'graphdb', role: 'graph', operation: 'friendsLiked', reason: 'the dataset has no follows' },
  ],
  timeMs: 1000,
  warmupMs: 250,
  interrupted: false,
};

/** The table's body lines (between borders), cells trimmed. */
function bodyRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('renderMicro', () => {
  const text = renderMicro(RESULT);

  it('puts each store in its own column, headed by name, engine and version', () => {
    const [names, versions] = bodyRows(text);
    expect(names).toEqual(['operation', 'pg', 'graphdb']);
    expect(versions).toEqual(['', 'PostgreSQL 17.5 (PGlite 0.3)', 'Kuzu 0.11.3']);
  });

  it('puts the same operation on two stores side by side, roles in their usual order', () => {
    const rows = bodyRows(text).slice(2);
    expect(rows).toEqual([
      ['catalog.getProduct', '2.46 µs ± <0.1%', '—'],
      ['graph.alsoBought', '812 µs ± 1.2%', '1.53 ms ± 12.5%'],
    ]);
  });

  it('explains the cells and lists skipped operations', () => {
    expect(text).toContain('mean per call ± margin of error (95% confidence)');
    expect(text).toContain('1.00 s per operation after 250 ms of warm-up');
    expect(text).toContain('skipped graph.friendsLiked on graphdb: the dataset has no follows');
    expect(text).not.toContain('interrupted');
  });

  it('says when the run was interrupted, and when nothing was measured', () => {
    const empty = renderMicro({ ...RESULT, rows: [], skipped: [], interrupted: true });
    expect(empty).toContain('no operation was measured');
    expect(empty).toContain('interrupted');
  });

  it('has no colour codes unless asked, and the same content either way', () => {
    expect(text).not.toContain('\u001b[');
    // Whether colour codes appear when asked is the terminal library's call (it refuses under CI=true or
    // without a TTY); what the renderer promises is that colour never changes what the table says.
    const coloured = renderMicro(RESULT, { color: true });
    const ansi = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');
    expect(coloured.replace(ansi, '')).toBe(text);
  });
});
