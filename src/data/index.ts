// Seeded data generation: the PRNG and its streams, popularity skew, and the dataset every layout loads.
export { Random, deriveSeed } from './random.js';
export { Zipf } from './zipf.js';
export { ProductPopularity } from './popularity.js';
export { generateDataset } from './generate.js';
export { CATEGORY_FAMILIES, type CategoryFamily } from './category-families.js';
export { FOLLOWEE_SKEW } from './social.js';
export { BUYER_SKEW } from './history.js';
