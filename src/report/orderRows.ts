import type { BootReport, ComponentReport } from './BootReport.js';

/**
 * The components in the order a timeline shows them: by wave, then by when they started (or
 * settled, for those that never ran), never-settled ones last in their wave; ties keep the report's
 * order.
 */
export function orderRows(report: BootReport): ComponentReport[] {
  const rows = Object.values(report.components);
  const startOf = (c: ComponentReport): number => c.startedAt ?? c.finishedAt ?? Infinity;
  // Infinity − Infinity is NaN: `|| 0` makes two never-settled components equal.
  return rows.sort((a, b) => a.wave - b.wave || startOf(a) - startOf(b) || 0);
}
