// `polyglot-bench deploy kubernetes <scenario> --shards N --image IMAGE`: prints the manifests of one sharded run
// (src/deploy/kubernetes.ts) for `kubectl apply -f -`. Nothing is applied from here.
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { kubernetesYaml } from '../deploy/kubernetes.js';
import { fileTimestamp } from '../report/json.js';
import { loadScenario } from '../scenario/load.js';
import type { CommandContext } from './program.js';
import { storesOption } from './options.js';
import { parseStartAt } from '../runner/shard.js';

interface DeployFlags {
  shards: number;
  image: string;
  runId?: string;
  namespace?: string;
  stores: string;
  startAt?: string;
  reportsSize: string;
  storageClass?: string;
}

function shardCount(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

export async function deployKubernetes(file: string, flags: DeployFlags): Promise<string> {
  // Validated here, so a broken scenario fails now rather than in N pods.
  const scenario = await loadScenario(file);
  if (flags.startAt !== undefined) parseStartAt(flags.startAt);
  const name = scenario.name ?? 'scenario';
  return kubernetesYaml({
    scenarioText: await readFile(file, 'utf8'),
    scenarioName: name,
    shards: flags.shards,
    image: flags.image,
    runId: flags.runId ?? `${name}-${fileTimestamp(new Date()).toLowerCase()}`,
    stores: flags.stores,
    namespace: flags.namespace,
    startAt: flags.startAt,
    reportsSize: flags.reportsSize,
    storageClass: flags.storageClass,
  });
}

export function registerDeploy(program: Command, { setExit }: CommandContext): void {
  const deploy = program.command('deploy').description('print the manifests to run a scenario elsewhere');
  deploy
    .command('kubernetes')
    .description(
      'an Indexed Job of N shards, the scenario as a ConfigMap, a shared reports volume, a merge Job',
    )
    .argument('<scenario>', 'scenario YAML file')
    .requiredOption('--shards <n>', 'how many shard pods (completions of the Indexed Job)', shardCount)
    .requiredOption('--image <image>', 'the polyglot-bench image (the Dockerfile at the repository root)')
    .option('--run-id <id>', 'names every object of the run (default: <scenario>-<timestamp>)')
    .option('--namespace <ns>', 'Kubernetes namespace for the objects')
    .option('--stores <preset>', 'where each shard gets its stores (run --stores)', storesOption, 'embedded')
    .option('--start-at <time>', 'ISO wall-clock barrier every shard waits for')
    .option('--reports-size <size>', 'size of the shared reports volume', '1Gi')
    .option('--storage-class <name>', 'a storage class with ReadWriteMany for the reports volume')
    .action(async (file: string, flags: DeployFlags) => {
      process.stdout.write(await deployKubernetes(file, flags));
      setExit(0);
    });
}
