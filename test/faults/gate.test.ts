// The in-process fault gate: what an embedded store's callers see while a fault is in force.
import { describe, expect, it } from 'vitest';
import { FaultGate, InjectedOutage } from '../../src/faults/gate.js';
import { gatedObject, gatedRoles } from '../../src/faults/gated.js';
import { nowUs } from '../../src/metrics/clock.js';
import type { RoleImpls, RoleName } from '../../src/roles.js';

const store = () => {
  const calls: string[] = [];
  return { calls, impl: { read: async (key: string) => void calls.push(key) } };
};

describe('fault gate', () => {
  it('passes calls straight through when no fault is in force', async () => {
    const { calls, impl } = store();
    const gated = gatedObject(impl, new FaultGate('kv'));
    await gated.read('a');
    expect(calls).toEqual(['a']);
  });

  it('adds at least the configured latency to every call', async () => {
    const { impl } = store();
    const gate = new FaultGate('kv');
    gate.set({ kind: 'latency', ms: 40 });
    const gated = gatedObject(impl, gate);
    const started = nowUs();
    await gated.read('a');
    expect(nowUs() - started).toBeGreaterThanOrEqual(40_000);
  });

  it('refuses calls during an outage without reaching the store, and lets them through after', async () => {
    const { calls, impl } = store();
    const gate = new FaultGate('kv');
    const gated = gatedObject(impl, gate);
    gate.set({ kind: 'outage', mode: 'refused' });
    await expect(gated.read('a')).rejects.toBeInstanceOf(InjectedOutage);
    await expect(gated.read('a')).rejects.toThrow('connection refused: kv is down (injected fault)');
    gate.set(null);
    await gated.read('b');
    expect(calls).toEqual(['b']);
  });

  it('holds calls while hung and delivers them when the fault ends', async () => {
    const { calls, impl } = store();
    const gate = new FaultGate('kv');
    const gated = gatedObject(impl, gate);
    gate.set({ kind: 'outage', mode: 'hung' });
    const held = gated.read('a');
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toEqual([]);
    gate.set(null);
    await held;
    expect(calls).toEqual(['a']);
  });

  it('fails a held call if the hang turns into a refusal', async () => {
    const { impl } = store();
    const gate = new FaultGate('kv');
    const gated = gatedObject(impl, gate);
    gate.set({ kind: 'outage', mode: 'hung' });
    const held = gated.read('a');
    gate.set({ kind: 'outage', mode: 'refused' });
    await expect(held).rejects.toBeInstanceOf(InjectedOutage);
  });

  it('gates only the roles served by the faulted store', async () => {
    const gate = new FaultGate('cache');
    gate.set({ kind: 'outage', mode: 'refused' });
    const roles = {
      sessions: { getSession: async () => 'session' },
      catalog: { getProduct: async () => 'product' },
    } as unknown as RoleImpls;
    const storeOf = { sessions: 'cache', catalog: 'docs' } as Record<RoleName, string>;
    const gated = gatedRoles(roles, storeOf, new Map([['cache', gate]]));
    await expect(gated.sessions.getSession('x')).rejects.toBeInstanceOf(InjectedOutage);
    await expect(gated.catalog.getProduct(1)).resolves.toBe('product');
  });
});
