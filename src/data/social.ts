// The social graph: who follows whom, and who likes which product.
import type { Follow, Like, SocialEdges, SocialGraph } from '../domain.js';
import { drawDistinct, shuffledIds } from './sampling.js';
import type { ProductPopularity } from './popularity.js';
import { Random, deriveSeed } from './random.js';
import { Zipf } from './zipf.js';

/**
 * Zipf exponent of followee fame. 1 gives a power-law in-degree like real follower graphs: a handful of users
 * are followed by a large share of everyone, most by almost nobody — the shape that makes graph traversals uneven.
 */
export const FOLLOWEE_SKEW = 1;

/** Users per chunk SocialGraph.chunks() yields when the caller does not say: at the defaults, 150,000 edges. */
export const SOCIAL_CHUNK_USERS = 10_000;

/**
 * Each user follows a geometric number of others (mean followsPerUser, so a few follow many), chosen by Zipf
 * over a seeded fame ranking. No self-follows, no duplicate pairs. One user's follows per step, user 1 first.
 */
function* followsByUser(userCount: number, followsPerUser: number, seed: number): Generator<Follow[]> {
  if (userCount < 2) {
    for (let followerId = 1; followerId <= userCount; followerId++) yield [];
    return;
  }
  const rng = new Random(deriveSeed(seed, 'follows'));
  const byFame = shuffledIds(userCount, rng);
  const fameRankOf = new Int32Array(userCount + 1);
  byFame.forEach((userId, rank) => (fameRankOf[userId] = rank));
  const fame = new Zipf(userCount, FOLLOWEE_SKEW);
  for (let followerId = 1; followerId <= userCount; followerId++) {
    const count = rng.geometric(followsPerUser);
    const ranks = drawDistinct(count, userCount, () => fame.sample(rng), fameRankOf[followerId]!);
    yield ranks.map((rank) => ({ followerId, followeeId: byFame[rank]! }));
  }
}

/**
 * Each user likes a geometric number of distinct products (mean likesPerUser), chosen by product popularity. One
 * user's likes per step, user 1 first.
 */
function* likesByUser(
  userCount: number,
  likesPerUser: number,
  popularity: ProductPopularity | null,
  seed: number,
): Generator<Like[]> {
  const rng = new Random(deriveSeed(seed, 'likes'));
  for (let userId = 1; userId <= userCount; userId++) {
    if (!popularity) {
      yield [];
      continue;
    }
    const count = rng.geometric(likesPerUser);
    const ranks = drawDistinct(count, popularity.size, () => popularity.sampleRank(rng));
    yield ranks.map((rank) => ({ userId, productId: popularity.atRank(rank).id }));
  }
}

/**
 * The social graph of users 1..userCount; without products (popularity null) nobody likes anything. Each chunks()
 * call starts the seeded streams afresh, so every pass (and every chunk size) yields the same edges.
 */
export function socialGraph(
  userCount: number,
  perUser: { followsPerUser: number; likesPerUser: number },
  popularity: ProductPopularity | null,
  seed: number,
): SocialGraph {
  function* chunks(users = SOCIAL_CHUNK_USERS): Generator<SocialEdges, void, undefined> {
    if (!Number.isSafeInteger(users) || users < 1)
      throw new RangeError(`users per chunk must be >= 1, got ${users}`);
    const follows = followsByUser(userCount, perUser.followsPerUser, seed);
    const likes = likesByUser(userCount, perUser.likesPerUser, popularity, seed);
    for (let first = 1; first <= userCount; first += users) {
      const chunk: SocialEdges = { follows: [], likes: [] };
      for (let userId = first; userId < first + users && userId <= userCount; userId++) {
        chunk.follows.push(...follows.next().value!);
        chunk.likes.push(...likes.next().value!);
      }
      yield chunk;
    }
  }
  return { chunks };
}

/** Follows and likes given in full (a test's hand-made shop): one chunk holds them all. */
export function fixedSocialGraph(follows: readonly Follow[], likes: readonly Like[]): SocialGraph {
  return {
    *chunks() {
      yield { follows: [...follows], likes: [...likes] };
    },
  };
}

/** Every edge in two arrays: for small data (tests), never for a run's load. */
export function allSocialEdges(social: SocialGraph): SocialEdges {
  const all: SocialEdges = { follows: [], likes: [] };
  for (const chunk of social.chunks()) {
    for (const follow of chunk.follows) all.follows.push(follow);
    for (const like of chunk.likes) all.likes.push(like);
  }
  return all;
}
