// Loads kuzu, an optional dependency (about 0.5 GB installed), only when a layout puts a store on it. The few
// driver types the adapter uses are declared here rather than imported, so the project still type-checks when
// the optional package was left out (npm ci --omit=optional).
import { UserError, errorMessage } from '../../errors.js';

export type KuzuValue =
  null | boolean | number | bigint | string | Date | KuzuValue[] | { [key: string]: KuzuValue };
export type KuzuRow = Record<string, KuzuValue>;

export interface KuzuQueryResult {
  getAll(): Promise<KuzuRow[]>;
  close(): void;
}

// Opaque: made by Connection.prepare, handed back to Connection.execute.
export type KuzuPreparedStatement = {
  isSuccess(): boolean;
  getErrorMessage(): string;
};

export interface KuzuConnection {
  prepare(statement: string): Promise<KuzuPreparedStatement>;
  execute(
    statement: KuzuPreparedStatement,
    params?: Record<string, KuzuValue>,
  ): Promise<KuzuQueryResult | KuzuQueryResult[]>;
  query(statement: string): Promise<KuzuQueryResult | KuzuQueryResult[]>;
  close(): Promise<void>;
}

export interface KuzuDatabase {
  close(): Promise<void>;
}

export interface KuzuModule {
  Database: new (databasePath?: string) => KuzuDatabase;
  Connection: new (database: KuzuDatabase) => KuzuConnection;
  VERSION: string;
}

const INSTALL_HINT = 'npm install kuzu';

/** How the package is imported; replaceable so tests can play a missing or broken install. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

// A specifier TypeScript does not resolve, so the missing package is a runtime matter only.
const importModule: ModuleImporter = (specifier) => import(specifier);

export async function loadKuzu(importer: ModuleImporter = importModule): Promise<KuzuModule> {
  try {
    const loaded = (await importer('kuzu')) as { default?: KuzuModule } & Partial<KuzuModule>;
    return loaded.default ?? (loaded as KuzuModule);
  } catch (error) {
    if (isModuleNotFound(error)) {
      throw new UserError(
        `the graph role on the embedded polyglot layout needs the optional package kuzu (about 0.5 GB), ` +
          `which is not installed: run ${INSTALL_HINT}`,
      );
    }
    throw new UserError(
      `the graph role on the embedded polyglot layout needs kuzu, which failed to load ` +
        `(${errorMessage(error).split('\n')[0]}): reinstall it with ${INSTALL_HINT}`,
    );
  }
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
