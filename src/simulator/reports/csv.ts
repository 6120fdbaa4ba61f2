import { dayString } from '../util/dates';

/**
 * CSV as the report service writes it (docs/graph-behaviour.md §4): UTF-8 with a BOM, `YYYY-MM-DD` dates, an empty
 * cell when there is no value, booleans as True/False.
 */
export const BOM = '\uFEFF';

export type Cell = string | number | boolean | null | undefined;

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(cell).join(',')}\r\n`;
}

export function dayCell(day: number | undefined): string {
  return day === undefined ? '' : dayString(day);
}

/** JSON reports show dates as strings too, null when empty. */
export function dayJson(day: number | undefined): string | null {
  return day === undefined ? null : dayString(day);
}
