// Store kinds a scenario may name, from the engine list. Embedded kinds run in-process (zero setup); server kinds
// need a URL.
import { ENGINES } from './engines.js';

export const EMBEDDED_STORE_KINDS: readonly string[] = ENGINES.filter((e) => e.embedded).map((e) => e.kind);
export const SERVER_STORE_KINDS: readonly string[] = ENGINES.filter((e) => !e.embedded).map((e) => e.kind);
export const STORE_KINDS: readonly string[] = ENGINES.map((e) => e.kind);

/** Layouts every scenario can name without defining them (baseline-mongo needs real servers: --stores). */
export const BUILTIN_LAYOUTS = ['baseline', 'polyglot', 'baseline-mongo'] as const;

/** What a scenario runs when it names no layouts. */
export const DEFAULT_LAYOUTS = ['baseline', 'polyglot'] as const;
