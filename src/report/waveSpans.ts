import { Priority } from '../component/Priority.js';
import type { BootReport } from './BootReport.js';

/** When a boot wave ran: from its first start to its last settle (ms, the report's clock). */
export interface WaveSpan {
  readonly wave: Priority;
  readonly start: number;
  readonly end: number;
  /** Components of the wave that settled. */
  readonly count: number;
}

/**
 * The boot waves (CRITICAL … LOW) that had members, derived from the components' `wave` and
 * times. A wave starts when its first member started (or, if none ran, first settled; never before
 * the previous wave ended, with `'waves'` scheduling) and ends when its last member settled.
 * DEFERRED components load on demand and form no wave.
 */
export function waveSpans(report: BootReport): WaveSpan[] {
  const firstStart: number[] = [];
  const firstSettle: number[] = [];
  const lastSettle: number[] = [];
  const count: number[] = [];
  for (const c of Object.values(report.components)) {
    const { wave, startedAt, finishedAt } = c;
    if (finishedAt === undefined || !(wave >= Priority.CRITICAL && wave < Priority.DEFERRED)) continue;
    count[wave] = (count[wave] ?? 0) + 1;
    lastSettle[wave] = Math.max(lastSettle[wave] ?? -Infinity, finishedAt);
    firstSettle[wave] = Math.min(firstSettle[wave] ?? Infinity, finishedAt);
    if (startedAt !== undefined) firstStart[wave] = Math.min(firstStart[wave] ?? Infinity, startedAt);
  }
  const spans: WaveSpan[] = [];
  let previousEnd = -Infinity;
  for (let wave = Priority.CRITICAL; wave < Priority.DEFERRED; wave++) {
    const n = count[wave];
    if (n === undefined) continue;
    let start = firstStart[wave] ?? firstSettle[wave]!;
    let end = lastSettle[wave]!;
    // In 'waves' scheduling a wave starts once the one before has settled; members failed early by
    // a dependency (never run) must not stretch it back over that wave.
    if (report.schedule === 'waves') {
      start = Math.max(start, previousEnd);
      end = Math.max(end, start);
      previousEnd = end;
    }
    spans.push({ wave, start, end, count: n });
  }
  return spans;
}
