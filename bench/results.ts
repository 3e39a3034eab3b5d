import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One line of `out/bench/results.json`. `ratio` is ours / baseline, in the direction `target` states
 * (`">= 5"` for throughput, `"<= 2"` for times). Entries that only inform (peak heap, bundle sizes)
 * have no target and `met: null`.
 */
export interface BenchResult {
  name: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
  /** What was compared with what, in words, and any numbers behind the value. */
  note?: string;
}

export function compared(name: string, value: number, baseline: number, unit: string, target: string, note?: string): BenchResult {
  const ratio = baseline === 0 ? Infinity : value / baseline;
  return { name, value: round(value), unit, baseline: round(baseline), ratio: round(ratio), target, met: meets(ratio, target), note };
}

/** A ratio reported for comparison only (the state before a change, in the same run): no target of its own. */
export function reference(name: string, value: number, baseline: number, unit: string, note?: string): BenchResult {
  return { ...compared(name, value, baseline, unit, '>= 0', note), target: null, met: null };
}

export function info(name: string, value: number | null, unit: string, note?: string): BenchResult {
  return { name, value: value === null ? null : round(value), unit, baseline: null, ratio: null, target: null, met: null, note };
}

function meets(ratio: number, target: string): boolean {
  const match = /^(>=|<=)\s*([\d.]+)$/.exec(target.trim());
  if (!match) throw new Error(`Unreadable target ${target}`);
  const bound = Number(match[2]);
  return match[1] === '>=' ? ratio >= bound : ratio <= bound;
}

/** Three significant digits: more would be noise on this machine. */
function round(n: number): number {
  if (!Number.isFinite(n) || n === 0) return n;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(n))));
  return Number(n.toFixed(Math.min(digits, 6)));
}

export function printTable(results: readonly BenchResult[]): void {
  const header = ['benchmark', 'value', 'unit', 'baseline', 'ratio', 'target', 'met'];
  const rows = results.map((r) => [
    r.name,
    r.value === null ? '-' : String(r.value),
    r.unit,
    r.baseline === null ? '-' : String(r.baseline),
    r.ratio === null ? '-' : String(r.ratio),
    r.target ?? '-',
    r.met === null ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

export function writeResults(path: string, results: readonly BenchResult[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
