// The social graph: who follows whom, and who likes which product.
import type { Follow, Like } from '../domain.js';
import { drawDistinct, shuffledIds } from './sampling.js';
import type { ProductPopularity } from './popularity.js';
import { Random, deriveSeed } from './random.js';
import { Zipf } from './zipf.js';

/**
 * Zipf exponent of followee fame. 1 gives a power-law in-degree like real follower graphs: a handful of users
 * are followed by a large share of everyone, most by almost nobody — the shape that makes graph traversals uneven.
 */
export const FOLLOWEE_SKEW = 1;

/**
 * Each user follows a geometric number of others (mean followsPerUser, so a few follow many), chosen by Zipf
 * over a seeded fame ranking. No self-follows, no duplicate pairs.
 */
export function generateFollows(userCount: number, followsPerUser: number, seed: number): Follow[] {
  if (userCount < 2) return [];
  const rng = new Random(deriveSeed(seed, 'follows'));
  const byFame = shuffledIds(userCount, rng);
  const fameRankOf = new Int32Array(userCount + 1);
  byFame.forEach((userId, rank) => (fameRankOf[userId] = rank));
  const fame = new Zipf(userCount, FOLLOWEE_SKEW);
  const follows: Follow[] = [];
  for (let followerId = 1; followerId <= userCount; followerId++) {
    const count = rng.geometric(followsPerUser);
    const ranks = drawDistinct(count, userCount, () => fame.sample(rng), fameRankOf[followerId]!);
    for (const rank of ranks) follows.push({ followerId, followeeId: byFame[rank]! });
  }
  return follows;
}

/** Each user likes a geometric number of distinct products (mean likesPerUser), chosen by product popularity. */
export function generateLikes(
  userCount: number,
  likesPerUser: number,
  popularity: ProductPopularity,
  seed: number,
): Like[] {
  const rng = new Random(deriveSeed(seed, 'likes'));
  const likes: Like[] = [];
  for (let userId = 1; userId <= userCount; userId++) {
    const count = rng.geometric(likesPerUser);
    const ranks = drawDistinct(count, popularity.size, () => popularity.sampleRank(rng));
    for (const rank of ranks) likes.push({ userId, productId: popularity.atRank(rank).id });
  }
  return likes;
}
