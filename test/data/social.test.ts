// Follows and likes are generated as they are read, a chunk of users at a time (docs/architecture.md, "Data
// sizes"): whatever the chunk size, a pass yields the same edges, each chunk only those of its own users.
import { describe, expect, it } from 'vitest';
import type { SocialEdges } from '../../src/domain.js';
import { generateDataset } from '../../src/data/generate.js';
import { SOCIAL_CHUNK_USERS, allSocialEdges } from '../../src/data/social.js';
import type { DataSpec } from '../../src/scenario/types.js';

const SPEC: DataSpec = {
  users: 2_501,
  products: 300,
  categories: 6,
  followsPerUser: 4,
  likesPerUser: 3,
  historicalOrders: 0,
  historyDays: 30,
  stockPerProduct: 10,
  popularitySkew: 1,
};
const dataset = generateDataset(SPEC, 3, Date.UTC(2024, 5, 1));
const whole = allSocialEdges(dataset.social);

function flatten(chunks: Iterable<SocialEdges>): SocialEdges {
  const all: SocialEdges = { follows: [], likes: [] };
  for (const chunk of chunks) {
    all.follows.push(...chunk.follows);
    all.likes.push(...chunk.likes);
  }
  return all;
}

describe('follows and likes, chunk by chunk', () => {
  it('yields the same edges whatever the chunk size, across chunk boundaries', () => {
    expect(whole.follows.length).toBeGreaterThan(SPEC.users * 2);
    expect(whole.likes.length).toBeGreaterThan(SPEC.users);
    for (const users of [1, 7, 1000, SPEC.users, SOCIAL_CHUNK_USERS]) {
      expect(flatten(dataset.social.chunks(users)), `chunks of ${users} users`).toEqual(whole);
    }
  });

  it('gives each chunk the edges of its own users only, users 1 onwards', () => {
    const chunks = [...dataset.social.chunks(1000)];
    expect(chunks).toHaveLength(3);
    chunks.forEach((chunk, index) => {
      const first = index * 1000 + 1;
      const inRange = (id: number) => id >= first && id < first + 1000;
      expect(chunk.follows.every((follow) => inRange(follow.followerId))).toBe(true);
      expect(chunk.likes.every((like) => inRange(like.userId))).toBe(true);
    });
  });

  it('is deterministic for the seed and differs for another', () => {
    expect(allSocialEdges(generateDataset(SPEC, 3, 0).social)).toEqual(whole);
    expect(allSocialEdges(generateDataset(SPEC, 4, 0).social)).not.toEqual(whole);
  });

  it('refuses a chunk size that is not a positive integer', () => {
    expect(() => dataset.social.chunks(0).next()).toThrow(RangeError);
  });
});
