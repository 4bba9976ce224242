// The machine a report's figures come from, as every report states it (measured, simulated or merged).
import os from 'node:os';
import type { Report } from './types.js';

export function thisMachine(): Report['environment'] {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
  };
}
