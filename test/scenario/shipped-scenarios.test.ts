// Every scenario shipped in scenarios/ must load, and quickstart must stay quick: it is the first thing a
// newcomer runs, on embedded engines, and the end-to-end test runs it too.
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadScenario, measuredDurationMs } from '../../src/scenario/index.js';

const files = (await readdir('scenarios')).filter((file) => file.endsWith('.yaml')).sort();

describe('shipped scenarios', () => {
  it('include the four documented ones', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'black-friday.yaml',
        'classroom-closed.yaml',
        'hot-products.yaml',
        'quickstart.yaml',
      ]),
    );
  });

  it.each(files)('%s validates and is named after its file', async (file) => {
    const scenario = await loadScenario(`scenarios/${file}`);
    expect(`${scenario.name}.yaml`).toBe(file);
  });

  it('quickstart is short, small and open-model', async () => {
    const scenario = await loadScenario('scenarios/quickstart.yaml');
    expect(measuredDurationMs(scenario.load)).toBeLessThanOrEqual(10_000);
    expect(scenario.warmupMs).toBeLessThanOrEqual(1000);
    expect(scenario.data.users).toBeLessThanOrEqual(500);
    expect(scenario.data.historicalOrders).toBeLessThanOrEqual(1000);
    expect(scenario.layouts).toEqual([{ builtin: 'baseline' }, { builtin: 'polyglot' }]);
    expect(scenario.load.model).toBe('open');
    expect(scenario.analysts?.everyMs).toBe(1000);
  });

  it('each shows what its name promises', async () => {
    const friday = await loadScenario('scenarios/black-friday.yaml');
    expect(friday.load.model === 'open' && friday.load.arrivals).toBe('poisson');
    expect(friday.load.phases.some((phase) => 'rampTo' in phase && phase.rampTo > phase.arrivalRate)).toBe(
      true,
    );
    expect(friday.journeys.preset).toBe('ordering');

    const hot = await loadScenario('scenarios/hot-products.yaml');
    expect(hot.journeys.hotProducts).not.toBeNull();
    expect(hot.journeys.mix.buy).toBeGreaterThan(hot.journeys.mix.browse);

    const classroom = await loadScenario('scenarios/classroom-closed.yaml');
    expect(classroom.load.model).toBe('closed');
    expect(classroom.journeys.thinkTimeMs.min).toBeGreaterThan(0);
  });
});
