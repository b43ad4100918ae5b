import { visibleLength } from '../Terminal.js';

/** A column of {@link renderTable}: heading and alignment. */
export interface Column {
  readonly heading: string;
  readonly align?: 'left' | 'right';
}

/** Aligned plain-text columns, two spaces apart, indented by two; cells may carry colour codes. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, k) => rows.reduce((w, row) => Math.max(w, visibleLength(row[k] ?? '')), c.heading.length));
  const line = (cells: readonly string[]): string =>
    `  ${cells
      .map((cell, k) => {
        const gap = ' '.repeat(widths[k]! - visibleLength(cell));
        return columns[k]!.align === 'right' ? gap + cell : cell + gap;
      })
      .join('  ')
      .trimEnd()}`;
  return [line(columns.map((c) => c.heading)), ...rows.map(line)].join('\n');
}
