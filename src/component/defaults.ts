import { Priority } from './Priority.js';

/** Documented defaults of `ComponentOptions`. */
export const componentDefaults = {
  priority: Priority.MEDIUM,
  timeout: 30_000,
  retries: 0,
  required: true,
  memoryMb: 0,
} as const;
