// Seeded randomness for everything the benchmark invents: data, arrivals, journeys. Math.random is never used,
// so one seed reproduces a run exactly. The generator is xoshiro128** (32-bit state words, so it runs on plain
// JS integers via Math.imul without BigInt); deriveSeed splits one scenario seed into independent streams.

const TWO_POW_32 = 4294967296;

function rotl(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

/** One MurmurHash3 body step: folds a 32-bit word into the running hash. */
function mixWord(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  const h = rotl(hash ^ k, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function avalanche(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixString(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = mixWord(h, text.charCodeAt(i));
  // The length closes the part, so ('ab', 'c') and ('a', 'bc') hash differently.
  return mixWord(h, text.length);
}

function mixNumber(hash: number, value: number): number {
  // Integers up to 2^53 hash by value (both 32-bit halves); anything else (fractions, NaN) by its text.
  if (!Number.isSafeInteger(value)) return mixString(mixWord(hash, 0x46), String(value));
  const low = value >>> 0;
  const high = Math.floor(value / TWO_POW_32) | 0;
  return mixWord(mixWord(hash, low), high);
}

// Type tags keep the number 7 and the string '7' apart.
const NUMBER_TAG = 0x4e;
const STRING_TAG = 0x53;

/**
 * A stable 32-bit seed for one named stream of a run, e.g. `deriveSeed(seed, 'arrival', 1234)`. It depends only
 * on its arguments — never on how many numbers other streams have drawn — so concurrent journeys that finish in a
 * different order on different layouts still see the same random numbers.
 */
export function deriveSeed(seed: number, ...parts: Array<number | string>): number {
  let hash = mixNumber(0x2545f491, seed);
  for (const part of parts) {
    hash =
      typeof part === 'number'
        ? mixNumber(mixWord(hash, NUMBER_TAG), part)
        : mixString(mixWord(hash, STRING_TAG), part);
  }
  return avalanche(hash);
}

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Any number is a valid seed; it is hashed, so nearby seeds give unrelated streams. */
  constructor(seed: number) {
    // splitmix32 expands the hashed seed into the four state words (xoshiro's recommended seeding).
    let x = deriveSeed(seed);
    const nextWord = (): number => {
      x = (x + 0x9e3779b9) | 0;
      return avalanche(x) | 0;
    };
    this.s0 = nextWord();
    this.s1 = nextWord();
    this.s2 = nextWord();
    this.s3 = nextWord();
    // An all-zero state would only ever produce zeros.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
      throw new RangeError(`Random.int: need integers min <= max, got ${min}, ${max}`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Random.pick: empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A key chosen with probability proportional to its weight; zero weights are never chosen. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    let total = 0;
    for (const [key, weight] of entries) {
      if (!Number.isFinite(weight) || weight < 0) {
        throw new RangeError(
          `Random.weighted: weight of "${key}" must be a finite number >= 0, got ${weight}`,
        );
      }
      total += weight;
    }
    if (total <= 0) throw new RangeError('Random.weighted: no positive weight');
    let remaining = this.next() * total;
    let lastPositive: K | undefined;
    for (const [key, weight] of entries) {
      if (weight === 0) continue;
      if (remaining < weight) return key;
      remaining -= weight;
      lastPositive = key;
    }
    // Only reachable through floating-point rounding at the very top of the range.
    return lastPositive!;
  }

  /** Exponentially distributed with the given mean (e.g. Poisson inter-arrival gaps). */
  exponential(mean: number): number {
    // 1 - next() is in (0, 1], so the logarithm is finite.
    return -mean * Math.log(1 - this.next());
  }

  /**
   * A count in 0, 1, 2, … with the given mean (geometric distribution): most draws are small, a few are large,
   * like how many people a user follows.
   */
  geometric(mean: number): number {
    if (!(mean > 0)) return 0;
    return Math.floor(Math.log(1 - this.next()) / Math.log(mean / (1 + mean)));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const held = items[i]!;
      items[i] = items[j]!;
      items[j] = held;
    }
    return items;
  }
}
