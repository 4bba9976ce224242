// The scenario module's public face: load a file, or parse text; the resolved types; duration helpers.
export { loadScenario, parseScenario } from './load.js';
export { DURATION_FORMS, durationToMs, formatDuration, parseDuration } from './duration.js';
export { DEFAULT_PRESET, MIX_PRESETS, type MixPreset } from './schema-journeys.js';
export { scenarioSchema } from './schema.js';
export * from './types.js';
