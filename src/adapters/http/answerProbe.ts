import { InvalidOptionError, type Warmup } from '../../index.js';
import { toProbeBody, type ProbeBody } from './ProbeBody.js';
import type { DegradedPolicy, ReadinessPolicy } from './ProbeOptions.js';
import type { ProbeKind } from './ProbeResult.js';
import { probeWarmup } from './probeWarmup.js';

/**
 * A probe's HTTP answer before any framework writes it: 200 or 503 with the {@link ProbeBody}, or
 * 500 when the probe cannot tell (a probe that cannot tell must not say "healthy"). Shared by
 * `createProbeHandler` and the framework adapters, so every port answers alike. Internal.
 */
export interface ProbeAnswer {
  readonly status: 200 | 400 | 503 | 500;
  readonly body: ProbeBody | { readonly status: 'fail'; readonly probe: ProbeKind; readonly error: string };
}

/**
 * Evaluates `probe` once (one report per request, shared by the verdict and `verbose`), over the
 * components carrying every tag in `tags` (`?tag=db&tag=core`; none: all of them). A tag no
 * component carries answers 400: the probe is misconfigured, not the service unhealthy. Internal.
 */
export function answerProbe(
  warmup: Warmup,
  probe: ProbeKind,
  verbose: boolean,
  options: { readonly readiness: ReadinessPolicy; readonly degraded: DegradedPolicy },
  tags: readonly string[] = [],
): ProbeAnswer {
  try {
    // Liveness needs no report unless the listing or a tag filter asks for it.
    const report = probe === 'liveness' && !verbose && tags.length === 0 ? undefined : warmup.report();
    const result = probeWarmup(warmup, probe, { ...options, tags, ...(report === undefined ? {} : { report }) });
    return { status: result.ok ? 200 : 503, body: toProbeBody(result, verbose ? report : undefined, tags) };
  } catch (error) {
    if (error instanceof InvalidOptionError && error.option === 'tags') return { status: 400, body: { status: 'fail', probe, error: error.message } };
    return { status: 500, body: { status: 'fail', probe, error: error instanceof Error ? error.message : String(error) } };
  }
}

/** The `tag` query parameter as a list: absent → [], one → [it], repeated → all of them. */
export function tagsOf(value: unknown): readonly string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** `?verbose`, `?verbose=1`, `?verbose=true` are on; `?verbose=0` / `false` and absence are off. */
export function isVerbose(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && value !== '0' && value.toLowerCase() !== 'false';
}
