// What products look like in each kind of department. The attributes differ per family on purpose (a book has
// an author and an ISBN, a jacket a size and a material, a kettle a wattage): this variety is why the catalog
// role is a document store in the polyglot layout and a JSONB column in the baseline.
import type { AttributeValue } from '../domain.js';
import type { Random } from './random.js';
import type { WordPools } from './word-pools.js';

export interface ProductDraft {
  name: string;
  attributes: Record<string, AttributeValue>;
}

export interface Subcategory {
  /** The category's display name. */
  name: string;
  /** What one product is called, for product names ("Jacket", "Headphones"). */
  noun: string;
}

export interface DraftContext {
  rng: Random;
  pools: WordPools;
  /** Year of the reference time, so publication years are not in the future. */
  referenceYear: number;
}

export interface CategoryFamily {
  key: string;
  skuPrefix: string;
  /** Prices are drawn log-uniform in this range: many cheap items, a few expensive ones. */
  priceCents: { min: number; max: number };
  subcategories: readonly Subcategory[];
  draft(subcategory: Subcategory, context: DraftContext): ProductDraft;
}

const CLOTHING_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
// Faker's product materials include "Metal" and "Granite": fine for a lamp, not for a shirt.
const FABRICS = ['Cotton', 'Linen', 'Wool', 'Denim', 'Polyester', 'Silk', 'Cashmere', 'Fleece', 'Leather'];

/** A valid ISBN-13 (978 prefix, correct check digit), so a validating consumer would accept it. */
function isbn13(rng: Random): string {
  const digits = [9, 7, 8];
  for (let i = 0; i < 9; i++) digits.push(rng.int(0, 9));
  const sum = digits.reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 1 : 3), 0);
  digits.push((10 - (sum % 10)) % 10);
  return digits.join('');
}

function modelNumber(rng: Random): string {
  return `${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(100, 999)}`;
}

const books: CategoryFamily = {
  key: 'books',
  skuPrefix: 'BK',
  priceCents: { min: 599, max: 4999 },
  subcategories: [
    { name: 'Fiction', noun: 'Novel' },
    { name: 'Mystery & Thriller', noun: 'Thriller' },
    { name: 'Science Fiction', noun: 'Novel' },
    { name: 'Biographies', noun: 'Biography' },
    { name: 'History', noun: 'History' },
    { name: 'Cookbooks', noun: 'Cookbook' },
  ],
  draft(subcategory, { rng, pools, referenceYear }) {
    const format = rng.pick(['Hardcover', 'Paperback', 'E-book', 'Audiobook']);
    return {
      name: `${rng.pick(pools.bookTitles)} (${format})`,
      attributes: {
        author: rng.pick(pools.authors),
        publisher: rng.pick(pools.publishers),
        isbn: isbn13(rng),
        pages: rng.int(96, 1100),
        format,
        genre: subcategory.name,
        publishedYear: rng.int(1950, referenceYear),
      },
    };
  },
};

const apparel: CategoryFamily = {
  key: 'apparel',
  skuPrefix: 'AP',
  priceCents: { min: 999, max: 24999 },
  subcategories: [
    { name: "Men's Shirts", noun: 'Shirt' },
    { name: "Women's Dresses", noun: 'Dress' },
    { name: 'Jackets & Coats', noun: 'Jacket' },
    { name: 'Jeans', noun: 'Jeans' },
    { name: 'Knitwear', noun: 'Sweater' },
    { name: 'Sneakers', noun: 'Sneakers' },
  ],
  draft(subcategory, { rng, pools }) {
    const material = rng.pick(FABRICS);
    const color = rng.pick(pools.colors);
    return {
      name: `${rng.pick(pools.adjectives)} ${color} ${material} ${subcategory.noun}`,
      attributes: {
        // Shoes come in numbered sizes, everything else in letters.
        size: subcategory.noun === 'Sneakers' ? String(rng.int(36, 47)) : rng.pick(CLOTHING_SIZES),
        color,
        material,
        fit: rng.pick(['Regular', 'Slim', 'Relaxed']),
        machineWashable: rng.chance(0.7),
      },
    };
  },
};

const electronics: CategoryFamily = {
  key: 'electronics',
  skuPrefix: 'EL',
  priceCents: { min: 1999, max: 249999 },
  subcategories: [
    { name: 'Headphones', noun: 'Headphones' },
    { name: 'Laptops', noun: 'Laptop' },
    { name: 'Smartphones', noun: 'Smartphone' },
    { name: 'Televisions', noun: 'TV' },
    { name: 'Cameras', noun: 'Camera' },
    { name: 'Smart Home', noun: 'Smart Speaker' },
  ],
  draft(subcategory, { rng, pools }) {
    const brand = rng.pick(pools.brands);
    const model = modelNumber(rng);
    return {
      name: `${brand} ${subcategory.noun} ${model}`,
      attributes: {
        brand,
        model,
        wattage: rng.int(2, 400),
        warrantyMonths: rng.pick([12, 24, 36]),
        wireless: rng.chance(0.5),
        color: rng.pick(['Black', 'White', 'Silver', 'Graphite']),
      },
    };
  },
};

const groceries: CategoryFamily = {
  key: 'groceries',
  skuPrefix: 'GR',
  priceCents: { min: 99, max: 2499 },
  subcategories: [
    { name: 'Fruit & Vegetables', noun: 'Produce' },
    { name: 'Pantry', noun: 'Pantry' },
    { name: 'Coffee & Tea', noun: 'Blend' },
    { name: 'Snacks', noun: 'Snack' },
  ],
  draft(subcategory, { rng, pools }) {
    const organic = rng.chance(0.3);
    const weightGrams = rng.pick([100, 250, 400, 500, 750, 1000, 2000]);
    const food = rng.pick(pools.foods);
    const noun =
      subcategory.noun === 'Produce' || subcategory.noun === 'Pantry' ? '' : ` ${subcategory.noun}`;
    return {
      name: `${organic ? 'Organic ' : ''}${food}${noun}, ${weightGrams} g`,
      attributes: {
        weightGrams,
        organic,
        origin: rng.pick(pools.countries),
        bestBeforeDays: rng.int(3, 720),
        vegan: rng.chance(0.6),
      },
    };
  },
};

const home: CategoryFamily = {
  key: 'home',
  skuPrefix: 'HK',
  priceCents: { min: 999, max: 89999 },
  subcategories: [
    { name: 'Cookware', noun: 'Pan' },
    { name: 'Furniture', noun: 'Chair' },
    { name: 'Bedding', noun: 'Duvet' },
    { name: 'Lighting', noun: 'Lamp' },
    { name: 'Storage', noun: 'Basket' },
  ],
  draft(subcategory, { rng, pools }) {
    const material = rng.pick(pools.materials);
    return {
      name: `${rng.pick(pools.adjectives)} ${material} ${subcategory.noun}`,
      attributes: {
        material,
        color: rng.pick(pools.colors),
        widthCm: rng.int(10, 220),
        heightCm: rng.int(5, 200),
        depthCm: rng.int(5, 100),
        assemblyRequired: rng.chance(0.4),
      },
    };
  },
};

const toys: CategoryFamily = {
  key: 'toys',
  skuPrefix: 'TY',
  priceCents: { min: 499, max: 14999 },
  subcategories: [
    { name: 'Building Sets', noun: 'Building Set' },
    { name: 'Board Games', noun: 'Board Game' },
    { name: 'Dolls & Figures', noun: 'Figure' },
    { name: 'Puzzles', noun: 'Puzzle' },
  ],
  draft(subcategory, { rng, pools }) {
    const brand = rng.pick(pools.brands);
    return {
      name: `${brand} ${rng.pick(pools.adjectives)} ${subcategory.noun}`,
      attributes: {
        brand,
        minimumAge: rng.pick([0, 3, 6, 8, 12, 14]),
        pieces: rng.int(1, 2000),
        batteriesRequired: rng.chance(0.25),
      },
    };
  },
};

const sports: CategoryFamily = {
  key: 'sports',
  skuPrefix: 'SP',
  priceCents: { min: 999, max: 59999 },
  subcategories: [
    { name: 'Running', noun: 'Running Vest' },
    { name: 'Cycling', noun: 'Bike Helmet' },
    { name: 'Yoga', noun: 'Yoga Mat' },
    { name: 'Camping', noun: 'Tent' },
  ],
  draft(subcategory, { rng, pools }) {
    const brand = rng.pick(pools.brands);
    return {
      name: `${brand} ${rng.pick(pools.adjectives)} ${subcategory.noun}`,
      attributes: {
        brand,
        sport: subcategory.name,
        weightGrams: rng.int(50, 5000),
        color: rng.pick(pools.colors),
        waterproof: rng.chance(0.35),
      },
    };
  },
};

const beauty: CategoryFamily = {
  key: 'beauty',
  skuPrefix: 'BE',
  priceCents: { min: 399, max: 14999 },
  subcategories: [
    { name: 'Skincare', noun: 'Moisturiser' },
    { name: 'Fragrance', noun: 'Eau de Parfum' },
    { name: 'Hair Care', noun: 'Shampoo' },
    { name: 'Makeup', noun: 'Lipstick' },
  ],
  draft(subcategory, { rng, pools }) {
    const scent = rng.pick(['Lavender', 'Citrus', 'Vanilla', 'Sandalwood', 'Rose', 'Unscented']);
    return {
      name: `${rng.pick(pools.brands)} ${scent} ${subcategory.noun}`,
      attributes: {
        volumeMl: rng.pick([15, 30, 50, 100, 200, 500]),
        skinType: rng.pick(['All', 'Dry', 'Oily', 'Sensitive', 'Combination']),
        scent,
        vegan: rng.chance(0.5),
      },
    };
  },
};

/** Categories are dealt to families in this order, so even a small catalog has books, clothes and gadgets. */
export const CATEGORY_FAMILIES: readonly CategoryFamily[] = [
  books,
  apparel,
  electronics,
  groceries,
  home,
  toys,
  sports,
  beauty,
];
