/**
 * How many scenarios, from which seed. `npm test` runs a fixed seed so a failure replays exactly;
 * `npm run fuzz` (scripts/fuzz.mjs) sets these through the environment for long runs.
 */
export interface FuzzConfig {
  readonly runs: number;
  readonly seed: number;
  /** fast-check's counterexample path, to replay one failure. */
  readonly path: string | undefined;
  /** Fail on known bugs too. */
  readonly strict: boolean;
  /** Property evaluations spent shrinking a failure before reporting the smallest one found. */
  readonly shrinks: number;
  readonly maxComponents: number;
  /** Hunt one known bug: only runs classified as it fail (to shrink a repro of it). */
  readonly only: string | undefined;
}

export const defaultSeed = 20_261_201;

export function fuzzConfig(env: NodeJS.ProcessEnv = process.env): FuzzConfig {
  const int = (value: string | undefined, fallback: number): number => (value === undefined || value === '' ? fallback : Number.parseInt(value, 10));
  return {
    runs: int(env['FUZZ_RUNS'], 1_000),
    seed: int(env['FUZZ_SEED'], defaultSeed),
    path: env['FUZZ_PATH'] || undefined,
    strict: env['FUZZ_STRICT'] === '1',
    shrinks: int(env['FUZZ_SHRINKS'], 300),
    maxComponents: int(env['FUZZ_MAX_COMPONENTS'], 40),
    only: env['FUZZ_ONLY'] || undefined,
  };
}
