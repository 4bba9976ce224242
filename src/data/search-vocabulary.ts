// The words product search runs on, taken from the catalog itself: every engine indexes the same text of a
// product (its name and its attributes' words), and shoppers' queries are drawn from the words that text holds,
// ranked by how many products hold them, so a Zipf draw over the ranks makes the common words the hot queries.
import type { Product } from '../domain.js';

/**
 * Words no engine indexes (PostgreSQL's english configuration and InnoDB's FULLTEXT stopword lists overlap on
 * these): a query made of one would match nothing in one engine and something in another.
 */
const STOP_WORDS = new Set(
  (
    'a about an and are as at be by com de en for from how i in is it la of on or that the this to ' +
    'was what when where who will with und www you your'
  ).split(' '),
);

/** The text every search engine indexes for a product: its name and its attributes' string values. */
export function productSearchText(product: Pick<Product, 'name' | 'attributes'>): string {
  const words = [product.name];
  for (const value of Object.values(product.attributes)) if (typeof value === 'string') words.push(value);
  return words.join(' ');
}

/**
 * Lowercase letter runs of three or more (InnoDB's default minimum token size), stop words dropped. Only for
 * choosing query words: engines tokenize (and stem) the text themselves.
 */
export function searchWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((word) => !STOP_WORDS.has(word));
}

/** Distinct words of the catalog, most products first (then alphabetical): rank 0 is the hottest query word. */
export function searchVocabulary(products: readonly Product[]): string[] {
  const productsWith = new Map<string, number>();
  for (const product of products) {
    for (const word of new Set(searchWords(productSearchText(product)))) {
      productsWith.set(word, (productsWith.get(word) ?? 0) + 1);
    }
  }
  return [...productsWith.entries()]
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .map(([word]) => word);
}
