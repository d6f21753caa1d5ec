/** A plain text table: columns padded to their widest cell, left- or right-aligned. */
export function textTable(header: string[], rows: string[][], align: ('left' | 'right')[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

/** `ours` as a multiple of `baseline`, e.g. "4.1x". */
export function formatRatio(ours: number, baseline: number): string {
  const ratio = ours / baseline;
  if (!Number.isFinite(ratio)) return '-';
  if (ratio < 0.1) return `${ratio.toFixed(3)}x`;
  return ratio < 10 ? `${ratio.toFixed(1)}x` : `${ratio.toFixed(0)}x`;
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '-';
  return perSecond < 100 ? perSecond.toFixed(1) : perSecond.toFixed(0);
}
