#!/usr/bin/env node
// How many places name a store engine outside the engine's own code: for each kind, the files under src/ and
// scripts/ (and docker-compose.yml) that hold the kind as a quoted string ('redis', "redis", `redis`), an object
// or YAML key (redis:, not redis://), or an item of the shell SERVERS list — but not those in src/stores/<kind>/
// or src/stores/<kind>.ts, which are the engine's own. The total is the number to drive down: each mention is a
// place someone adding or renaming an engine has to find.
//
//   node tools/engine-mentions.mjs           per-kind counts and the total
//   node tools/engine-mentions.mjs --files   the files behind each count as well
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Fixed here rather than read from src/stores/engines.ts, so the count means the same before and after a change.
const KINDS = [
  'pglite',
  'duckdb',
  'kuzu',
  'docstore',
  'ttlcache',
  'postgres',
  'mysql',
  'redis',
  'memcached',
  'clickhouse',
  'mongodb',
  'neo4j',
  'couchdb',
];
const SCANNED = ['src', 'scripts', 'docker-compose.yml'];
const TEXT = /\.(ts|mjs|js|sh|ya?ml)$/;

function filesUnder(relative) {
  const absolute = path.join(ROOT, relative);
  if (!statSync(absolute, { throwIfNoEntry: false })) return [];
  if (statSync(absolute).isFile()) return [relative];
  return readdirSync(absolute).flatMap((entry) => filesUnder(path.join(relative, entry)));
}

function ownFile(kind, file) {
  return file.startsWith(`src/stores/${kind}/`) || file === `src/stores/${kind}.ts`;
}

function mentions(kind, text) {
  const quoted = new RegExp(`['"\`]${kind}['"\`]`);
  const key = new RegExp(`(^|[\\s{,])${kind}\\s*:(?!/)`, 'm');
  const shellList = new RegExp(`SERVERS\\+?=\\([^)]*\\b${kind}\\b`);
  return quoted.test(text) || key.test(text) || shellList.test(text);
}

const files = SCANNED.flatMap(filesUnder)
  .map((file) => file.split(path.sep).join('/'))
  .filter((file) => TEXT.test(file));
const texts = new Map(files.map((file) => [file, readFileSync(path.join(ROOT, file), 'utf8')]));
const listFiles = process.argv.includes('--files');
const say = (line) => process.stdout.write(`${line}\n`);

let total = 0;
for (const kind of KINDS) {
  const found = files.filter((file) => !ownFile(kind, file) && mentions(kind, texts.get(file)));
  total += found.length;
  say(`${kind.padEnd(11)} ${String(found.length).padStart(3)}`);
  if (listFiles) for (const file of found) say(`              ${file}`);
}
say(`${'total'.padEnd(11)} ${String(total).padStart(3)}`);
