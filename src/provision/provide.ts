// Brings the stores of a run into being: URLs from the preset (local servers, docker compose, or containers
// started now by testcontainers), then the plan. release() stops whatever was started for this run.
import type { Scenario } from '../scenario/types.js';
import { LOCAL_URLS, withEnvOverrides } from './local-endpoints.js';
import { enginesWithoutUrl, planLayouts, planStores, type StorePlan, type StoresPreset } from './plan.js';

export interface ProvidedStores {
  plan: StorePlan;
  release(): Promise<void>;
}

export async function provideStores(
  scenario: Scenario,
  preset: StoresPreset,
  env: NodeJS.ProcessEnv,
  onStatus: (line: string) => void = () => undefined,
): Promise<ProvidedStores> {
  if (preset === 'docker') {
    const { layouts } = planLayouts(scenario, preset);
    const engines = enginesWithoutUrl(scenario, layouts, env);
    const { startContainers } = await import('./docker.js');
    const containers = await startContainers(engines, { onStatus });
    try {
      return { plan: planStores(scenario, preset, containers.urls, env), release: () => containers.stop() };
    } catch (error) {
      await containers.stop();
      throw error;
    }
  }
  const base = preset === 'compose' ? (await import('./compose-endpoints.js')).COMPOSE_URLS : LOCAL_URLS;
  return {
    plan: planStores(scenario, preset, withEnvOverrides(base, env), env),
    release: async () => undefined,
  };
}
