// deploy kubernetes (issue 13). No cluster runs here: the manifests are parsed and their structure checked
// (kinds, indexed completion, env, volumes), then the shard Job's own container command is run as N local
// processes with JOB_COMPLETION_INDEX set the way the Job sets it, and the merge Job's command merges them.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Report } from '../../src/metrics/types.js';

const SCENARIO = 'test/fixtures/scenarios/shard-small.yaml';

function sh(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      command,
      args,
      { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

interface Container {
  name: string;
  image: string;
  command: string[];
  args?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { fieldRef: { fieldPath: string } } }>;
  volumeMounts: Array<{ name: string; mountPath: string }>;
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  spec?: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    accessModes?: string[];
    template?: {
      spec: {
        restartPolicy: string;
        initContainers?: Container[];
        containers: Container[];
        volumes: Array<{
          name: string;
          configMap?: { name: string };
          persistentVolumeClaim?: { claimName: string };
        }>;
      };
    };
  };
}

let docs: Manifest[];
let dir: string;

beforeAll(async () => {
  const printed = await sh(process.execPath, [
    'bin/polyglot-bench.js',
    'deploy',
    'kubernetes',
    SCENARIO,
    '--shards',
    '2',
    '--image',
    'registry.example/polyglot-bench:test',
    '--run-id',
    'Shard Small!',
    '--namespace',
    'bench',
  ]);
  expect(printed.code, printed.stderr).toBe(0);
  docs = parseAllDocuments(printed.stdout).map((doc) => doc.toJSON() as Manifest);
  dir = await mkdtemp(join(tmpdir(), 'pgb-k8s-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const byKind = (kind: string) => docs.filter((doc) => doc.kind === kind);

describe('deploy kubernetes: the manifests', () => {
  it('a ConfigMap with the scenario, a ReadWriteMany claim, a shard Job and a merge Job', async () => {
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'PersistentVolumeClaim', 'Job', 'Job']);
    for (const doc of docs) {
      expect(doc.metadata.name).toMatch(/^shard-small-[a-z-]+$/);
      expect(doc.metadata.namespace).toBe('bench');
    }
    expect(byKind('ConfigMap')[0]!.data!['scenario.yaml']).toBe(await readFile(SCENARIO, 'utf8'));
    expect(byKind('PersistentVolumeClaim')[0]!.spec!.accessModes).toEqual(['ReadWriteMany']);
  });

  it('the shard Job is Indexed, N completions at once, the index and count in env, both volumes mounted', () => {
    const job = byKind('Job').find((j) => j.metadata.name.endsWith('-shards'))!;
    expect(job.spec!.completionMode).toBe('Indexed');
    expect(job.spec!.completions).toBe(2);
    expect(job.spec!.parallelism).toBe(2);
    const pod = job.spec!.template!.spec;
    expect(pod.restartPolicy).toBe('Never');
    const container = pod.containers[0]!;
    expect(container.image).toBe('registry.example/polyglot-bench:test');
    expect(container.args).toEqual(expect.arrayContaining(['run', '--shard', 'auto']));
    const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
    expect(env.JOB_COMPLETION_INDEX!.valueFrom!.fieldRef.fieldPath).toContain('job-completion-index');
    expect(env.POLYGLOT_BENCH_SHARDS!.value).toBe('2');
    const volumes = Object.fromEntries(pod.volumes.map((v) => [v.name, v]));
    expect(volumes.scenario!.configMap!.name).toBe(byKind('ConfigMap')[0]!.metadata.name);
    expect(volumes.reports!.persistentVolumeClaim!.claimName).toBe(
      byKind('PersistentVolumeClaim')[0]!.metadata.name,
    );
    expect(container.volumeMounts.map((m) => m.name).sort()).toEqual(['reports', 'scenario']);
  });

  it('the merge Job waits for N reports on the shared volume, then merges them', () => {
    const job = byKind('Job').find((j) => j.metadata.name.endsWith('-merge'))!;
    const pod = job.spec!.template!.spec;
    expect(pod.initContainers![0]!.command.join(' ')).toMatch(/-ge 2/);
    expect(pod.containers[0]!.command.join(' ')).toMatch(/merge \/reports\/.*\/shards\/\*\.json --out/);
    expect(pod.volumes.map((v) => v.name).sort()).toEqual(['reports', 'scenario']);
  });
});

describe('deploy kubernetes: the same shards as local processes', () => {
  it('the shard container run N times with JOB_COMPLETION_INDEX, merged by the merge command', async () => {
    const shardJob = byKind('Job').find((j) => j.metadata.name.endsWith('-shards'))!;
    const container = shardJob.spec!.template!.spec.containers[0]!;
    // The pod's paths mapped onto this machine: the ConfigMap's file, the shared volume a temporary directory.
    const local = (arg: string) =>
      arg.replace('/scenario/scenario.yaml', SCENARIO).replace(/^\/reports/, join(dir, 'reports'));
    const [node, cli] = [process.execPath, 'bin/polyglot-bench.js'];
    expect(container.command.slice(-1)[0]).toMatch(/bin\/polyglot-bench\.js$/);
    const env = {
      POLYGLOT_BENCH_SHARDS: container.env!.find((e) => e.name === 'POLYGLOT_BENCH_SHARDS')!.value,
    };
    const runs = await Promise.all(
      [0, 1].map((index) =>
        sh(node, [cli, ...container.args!.map(local)], { ...env, JOB_COMPLETION_INDEX: String(index) }),
      ),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const mergeJob = byKind('Job').find((j) => j.metadata.name.endsWith('-merge'))!;
    const script = mergeJob
      .spec!.template!.spec.containers[0]!.command[2]!.replace(
        'node /app/bin/polyglot-bench.js',
        `${node} ${cli}`,
      )
      .replaceAll('/reports', join(dir, 'reports'));
    const merged = await sh('sh', ['-c', script]);
    expect(merged.code, merged.stderr).toBe(0);
    const shardDir = container.args![container.args!.indexOf('--out') + 1]!;
    const mergedDir = join(local(shardDir), '..', 'merged');
    const file = (await readdir(mergedDir)).find((f) => f.endsWith('.json'))!;
    const report = JSON.parse(await readFile(join(mergedDir, file), 'utf8')) as Report;
    expect(report.merge!.shardCount).toBe(2);
    expect(report.merge!.shards.map((s) => s.index)).toEqual([0, 1]);
    const shards = await Promise.all(
      report.merge!.shards.map(async (s) => JSON.parse(await readFile(s.file, 'utf8')) as Report),
    );
    const layout = report.layouts[0]!;
    expect(layout.schedule!.intended).toBe(shards.reduce((n, s) => n + s.layouts[0]!.schedule!.intended, 0));
    // shard-small.yaml: 2 s at 30 arrivals/s, no warm-up.
    expect(layout.schedule!.intended).toBe(60);
    expect(layout.invariants.ok).toBe(true);
  }, 180_000);
});
