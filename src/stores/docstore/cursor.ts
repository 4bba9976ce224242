// Cursors as the MongoDB driver hands them out: find() returns at once and runs nothing; options can still be
// chained; the query runs when the results are asked for.
import type { FindOptions, Projection, Sort } from './types.js';

export class FindCursor<T> {
  private readonly options: FindOptions;

  constructor(
    private readonly run: (options: FindOptions) => T[],
    options: FindOptions = {},
  ) {
    this.options = { ...options };
  }

  sort(sort: Sort): this {
    this.options.sort = sort;
    return this;
  }

  skip(count: number): this {
    this.options.skip = count;
    return this;
  }

  limit(count: number): this {
    this.options.limit = count;
    return this;
  }

  project(projection: Projection): this {
    this.options.projection = projection;
    return this;
  }

  async toArray(): Promise<T[]> {
    return this.run(this.options);
  }
}

export class AggregationCursor<T> {
  constructor(private readonly run: () => T[]) {}

  async toArray(): Promise<T[]> {
    return this.run();
  }
}
