// The words the generator combines into names. Faker is called only here, a few thousand times in all: a faker
// call costs microseconds, and 10k users × fullName() alone would take over 100 ms. Names are then assembled
// from these pools with the seeded PRNG, which is also what keeps faker's own randomness to one place.
import { Faker, base, en } from '@faker-js/faker';
import { deriveSeed } from './random.js';

export interface WordPools {
  firstNames: string[];
  lastNames: string[];
  emailDomains: string[];
  /** "Sleek", "Handcrafted", … */
  adjectives: string[];
  /** "Cotton", "Bamboo", … */
  materials: string[];
  colors: string[];
  bookTitles: string[];
  authors: string[];
  publishers: string[];
  brands: string[];
  /** Groceries: fruit, vegetables, ingredients. */
  foods: string[];
  countries: string[];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function buildWordPools(seed: number): WordPools {
  // A dedicated instance: the global faker is shared mutable state another module could reseed.
  const faker = new Faker({ locale: [en, base] });
  faker.seed(deriveSeed(seed, 'faker'));
  const definitions = faker.definitions;
  // Small fixed vocabularies are taken as a seeded sample of the locale's list: asking a generator function
  // for more distinct values than exist makes uniqueArray retry for tens of milliseconds.
  const sample = (words: readonly string[], size: number): string[] => faker.helpers.uniqueArray(words, size);
  // Open-ended generators (names combine several lists) are called until the pool is full.
  const generate = (source: () => string, size: number): string[] => faker.helpers.uniqueArray(source, size);
  return {
    firstNames: generate(() => faker.person.firstName(), 400),
    lastNames: generate(() => faker.person.lastName(), 400),
    emailDomains: sample(definitions.internet.free_email, 10),
    adjectives: sample(definitions.commerce.product_name.adjective, 40),
    materials: sample(definitions.commerce.product_name.material, 40),
    colors: sample(definitions.color.human, 40).map(capitalize),
    bookTitles: sample(definitions.book.title, 300),
    authors: sample(definitions.book.author, 300),
    publishers: generate(() => faker.book.publisher(), 60),
    // Company names look like "Welch, Corwin and Reichel"; the first surname makes a plausible brand.
    brands: generate(() => faker.company.name().split(/[\s,-]/)[0] ?? 'Acme', 60),
    foods: sample(definitions.food.ingredient, 300).map(capitalize),
    countries: sample(definitions.location.country, 60),
  };
}
