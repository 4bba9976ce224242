// One thing wrong with a scenario file, before it is given a line and column.
export type PathSegment = string | number;

export interface Problem {
  /** Where in the YAML tree: ['load', 'phases', 0, 'arrivalRate']. */
  path: PathSegment[];
  /** What was expected, in words a student understands. */
  message: string;
  /** The last path segment is a key that should not be there: point at the key, not its value. */
  unknownKey?: boolean;
}

/** load.phases[0].arrivalRate */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const plain = /^[A-Za-z_][\w-]*$/.test(segment);
      if (!plain) return `[${JSON.stringify(segment)}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}
