// Kuzu's bulk path: COPY FROM CSV. Loading the dataset with one CREATE per node and edge would take minutes and
// measure nothing the benchmark is about; COPY builds the tables' storage directly. The CSV files live in a temp
// directory that is removed whatever happens.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Order, SocialEdges } from '../../domain.js';
import type { GraphData } from '../../roles.js';
import { purchaseLinesOfOrders } from '../purchase-lines.js';
import type { KuzuLane } from './lane.js';

type Cell = string | number;

interface TableFile {
  table: string;
  /** Header names; Kuzu maps columns by position (FROM, TO, then properties in declared order). */
  header: readonly string[];
  rows: Cell[][];
}

export async function bulkLoadGraph(lane: KuzuLane, data: GraphData): Promise<void> {
  // Node tables before the edges that point at them.
  await copyFiles(lane, [
    { table: 'User', header: ['id'], rows: data.users.map((user) => [user.id]) },
    {
      table: 'Product',
      header: ['id', 'categoryId'],
      rows: data.products.map((product) => [product.id, product.categoryId]),
    },
    ...socialFiles(data),
    boughtFile(data.purchases),
  ]);
}

/** One more chunk of follows and likes, appended like the purchases. */
export async function bulkLoadSocial(lane: KuzuLane, edges: SocialEdges): Promise<void> {
  await copyFiles(lane, socialFiles(edges));
}

function socialFiles({ follows, likes }: SocialEdges): TableFile[] {
  return [
    {
      table: 'FOLLOWS',
      header: ['from', 'to'],
      rows: follows.map((follow) => [follow.followerId, follow.followeeId]),
    },
    { table: 'LIKED', header: ['from', 'to'], rows: likes.map((like) => [like.userId, like.productId]) },
  ];
}

/** One more chunk of purchase edges: Kuzu's COPY appends to a relationship table that already has rows. */
export async function bulkLoadPurchases(lane: KuzuLane, orders: readonly Order[]): Promise<void> {
  await copyFiles(lane, [boughtFile(orders)]);
}

function boughtFile(orders: readonly Order[]): TableFile {
  return {
    table: 'BOUGHT',
    header: ['from', 'to', 'orderId', 'quantity', 'createdAt'],
    rows: purchaseLinesOfOrders(orders).map((line) => [
      line.userId,
      line.productId,
      line.orderId,
      line.quantity,
      line.createdAt,
    ]),
  };
}

async function copyFiles(lane: KuzuLane, files: readonly TableFile[]): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'polyglot-bench-kuzu-'));
  try {
    for (const file of files) {
      // COPY of an empty file is pointless (and older Kuzu versions reject it).
      if (file.rows.length === 0) continue;
      const path = join(directory, `${file.table}.csv`);
      await writeFile(path, csv(file.header, file.rows));
      await lane.exec(`COPY ${file.table} FROM ${cypherString(path)} (HEADER=true)`);
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** RFC 4180 CSV: strings always quoted, inner quotes doubled, so ids with commas or quotes survive. */
function csv(header: readonly string[], rows: readonly Cell[][]): string {
  const lines = [header.join(',')];
  for (const row of rows)
    lines.push(row.map((cell) => (typeof cell === 'number' ? String(cell) : quote(cell))).join(','));
  return lines.join('\n') + '\n';
}

function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** A Cypher string literal (the temp path could, in principle, hold a quote or a backslash). */
function cypherString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
