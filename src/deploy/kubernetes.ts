// `polyglot-bench deploy kubernetes`: the manifests of one sharded run (issue 13). An Indexed Job runs the shards
// (completionMode: Indexed; each pod's JOB_COMPLETION_INDEX is its shard), the scenario travels as a ConfigMap,
// every shard writes its report to one shared volume, and a merge Job waits for all N reports and merges them.
// Kubernetes has no dependency between Jobs: the merge Job's init container waits for the reports instead.
import { stringify } from 'yaml';

export interface KubernetesRunOptions {
  /** The scenario file's text, as the ConfigMap carries it. */
  scenarioText: string;
  scenarioName: string;
  shards: number;
  image: string;
  /** Names every object of this run (DNS-1123: lowercase letters, digits, "-"). */
  runId: string;
  /** Where the stores come from (run --stores); embedded runs every store inside each pod. */
  stores: string;
  /** Kubernetes namespace for the objects; absent: the context's. */
  namespace?: string;
  /** --start-at passed to every shard (an ISO time), when given. */
  startAt?: string;
  /** Size of the shared reports volume (ReadWriteMany). */
  reportsSize: string;
  /** A storage class for the reports volume that supports ReadWriteMany (NFS, CephFS, EFS, Filestore…). */
  storageClass?: string;
}

const MOUNT_SCENARIO = '/scenario';
const MOUNT_REPORTS = '/reports';
const CLI = ['node', '/app/bin/polyglot-bench.js'];

/** A DNS-1123 label from free text (scenario names are free text). */
export function dnsLabel(text: string, max = 40): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return label || 'run';
}

export function kubernetesManifests(options: KubernetesRunOptions): Array<Record<string, unknown>> {
  const id = dnsLabel(options.runId);
  const labels = { 'app.kubernetes.io/name': 'polyglot-bench', 'polyglot-bench/run': id };
  const metadata = (name: string) => ({
    name: `${id}-${name}`,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    labels,
  });
  const shardDir = `${MOUNT_REPORTS}/${id}/shards`;
  const mergedDir = `${MOUNT_REPORTS}/${id}/merged`;
  const volumes = [
    { name: 'scenario', configMap: { name: `${id}-scenario` } },
    { name: 'reports', persistentVolumeClaim: { claimName: `${id}-reports` } },
  ];
  const volumeMounts = [
    { name: 'scenario', mountPath: MOUNT_SCENARIO, readOnly: true },
    { name: 'reports', mountPath: MOUNT_REPORTS },
  ];
  const scenarioPath = `${MOUNT_SCENARIO}/scenario.yaml`;

  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata('scenario'),
    data: { 'scenario.yaml': options.scenarioText },
  };
  const claim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadata('reports'),
    spec: {
      // Every shard pod writes, the merge pod reads: one volume mounted by many nodes.
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: options.reportsSize } },
      ...(options.storageClass ? { storageClassName: options.storageClass } : {}),
    },
  };
  const shardArgs = [
    'run',
    scenarioPath,
    '--shard',
    'auto',
    '--stores',
    options.stores,
    '--out',
    shardDir,
    '--no-progress',
    // A shard's verdict is not the run's: thresholds are judged on the merged report.
    '--no-thresholds',
    ...(options.startAt ? ['--start-at', options.startAt] : []),
  ];
  const shardJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata('shards'),
    spec: {
      completionMode: 'Indexed',
      completions: options.shards,
      parallelism: options.shards,
      // A failed shard is a failed run: rerunning one shard later would not start with the others.
      backoffLimit: 0,
      template: {
        metadata: { labels: { ...labels, 'polyglot-bench/part': 'shard' } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'shard',
              image: options.image,
              command: CLI,
              args: shardArgs,
              env: [
                // Kubernetes sets JOB_COMPLETION_INDEX in Indexed Jobs; spelled out so the contract is visible.
                {
                  name: 'JOB_COMPLETION_INDEX',
                  valueFrom: {
                    fieldRef: {
                      fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
                    },
                  },
                },
                { name: 'POLYGLOT_BENCH_SHARDS', value: String(options.shards) },
              ],
              volumeMounts,
            },
          ],
          volumes,
        },
      },
    },
  };
  const waitScript =
    `until [ "$(ls ${shardDir}/*.json 2>/dev/null | wc -l)" -ge ${options.shards} ]; do ` +
    `echo "waiting for ${options.shards} shard reports in ${shardDir}"; sleep 5; done`;
  const mergeJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata('merge'),
    spec: {
      backoffLimit: 2,
      template: {
        metadata: { labels: { ...labels, 'polyglot-bench/part': 'merge' } },
        spec: {
          restartPolicy: 'Never',
          initContainers: [
            {
              name: 'wait-for-shards',
              image: options.image,
              command: ['sh', '-c', waitScript],
              volumeMounts,
            },
          ],
          containers: [
            {
              name: 'merge',
              image: options.image,
              command: ['sh', '-c', `exec ${CLI.join(' ')} merge ${shardDir}/*.json --out ${mergedDir}`],
              volumeMounts,
            },
          ],
          volumes,
        },
      },
    },
  };
  return [configMap, claim, shardJob, mergeJob];
}

/** The manifests as one multi-document YAML stream (`kubectl apply -f -`). */
export function kubernetesYaml(options: KubernetesRunOptions): string {
  const header =
    `# polyglot-bench: ${options.scenarioName} as ${options.shards} shards (run ${dnsLabel(options.runId)}).\n` +
    '# kubectl apply -f this file; the merged report lands in the reports volume under <run>/merged.\n';
  return (
    header +
    kubernetesManifests(options)
      .map((doc) => stringify(doc, { lineWidth: 0 }))
      .join('---\n')
  );
}
