// Shoppers: names combined from faker's word pools by the seeded PRNG (cheap at 10k+ users).
import type { User } from '../domain.js';
import { Random, deriveSeed } from './random.js';
import type { WordPools } from './word-pools.js';

/** "O'Connell" → "oconnell", "Zoë" → "zoe": an e-mail local part. */
function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Users 1..count. E-mails carry the user id, so they are unique however often a name repeats. */
export function generateUsers(count: number, pools: WordPools, seed: number): User[] {
  const rng = new Random(deriveSeed(seed, 'users'));
  const users: User[] = [];
  for (let id = 1; id <= count; id++) {
    const first = rng.pick(pools.firstNames);
    const last = rng.pick(pools.lastNames);
    users.push({
      id,
      name: `${first} ${last}`,
      email: `${emailPart(first)}.${emailPart(last)}.${id}@${rng.pick(pools.emailDomains)}`,
    });
  }
  return users;
}
