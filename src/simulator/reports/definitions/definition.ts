import type { SimContext } from '../../context';
import type { Cell } from '../csv';
import type { ReportName } from '../report-request';
import type { ReportScope } from '../scope';

/**
 * One usage report: its documented CSV columns in order (docs/graph-behaviour.md §4.1–§4.6), and per user the CSV rows
 * and JSON items (beta shape). Rows are produced per user while streaming; nothing is precomputed.
 */
export interface ReportDefinition {
  readonly name: ReportName;
  /** period or date (most), period only (mailbox usage), or no parameters (activations). */
  readonly parameters: 'periodOrDate' | 'period' | 'none';
  header(scope: ReportScope): readonly string[];
  csvRows(ctx: SimContext, scope: ReportScope, i: number): Cell[][];
  jsonItems(ctx: SimContext, scope: ReportScope, i: number): Record<string, unknown>[];
}
