// An in-process key-value cache whose entries expire, the way Redis or Memcached keep them: expiry is checked on
// every read (an expired entry is never returned), and a periodic sweep frees entries nobody reads again.
// Values are deep-copied in and out, as a networked cache serialises them: a caller can never alias stored data.

export interface TtlCacheOptions {
  /** How often expired entries are swept away; 0 turns the sweep off (expiry on read still holds). */
  sweepIntervalMs?: number;
  /** Wall-clock milliseconds, like the clock a Redis server expires keys by; replaceable for tests. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export const DEFAULT_SWEEP_INTERVAL_MS = 1000;

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: TtlCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    const interval = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    if (interval > 0) {
      this.sweeper = setInterval(() => this.sweep(), interval);
      // The sweep is housekeeping: it must never keep the process alive on its own.
      this.sweeper.unref();
    }
  }

  /** Stores (or replaces) the value, expiring ttlMs from now; a ttl of 0 or less expires it at once. */
  set(key: string, value: V, ttlMs: number): void {
    this.entries.set(key, { value: structuredClone(value), expiresAt: this.now() + ttlMs });
  }

  /** A copy of the live value; undefined when absent or expired. */
  get(key: string): V | undefined {
    const entry = this.live(key);
    return entry ? structuredClone(entry.value) : undefined;
  }

  /**
   * Replaces a live value with change(copy of it), keeping its expiry (Redis's KEEPTTL). False, changing nothing,
   * when the key is absent or expired.
   */
  update(key: string, change: (value: V) => V): boolean {
    const entry = this.live(key);
    if (!entry) return false;
    entry.value = structuredClone(change(structuredClone(entry.value)));
    return true;
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** Entries held, expired ones not yet swept included. */
  get size(): number {
    return this.entries.size;
  }

  /** Drops every expired entry; how many it dropped. */
  sweep(): number {
    const now = this.now();
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  /** Stops the sweep and drops everything. */
  close(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.entries.clear();
  }

  private live(key: string): Entry<V> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
