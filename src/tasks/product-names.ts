import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { isGuid } from '../config';

/**
 * Microsoft's "Product names and service plan identifiers for licensing" table
 * (src/tasks/data/product-names.csv; provenance in src/tasks/data/README.md), one row per
 * (product, service plan), read by header name.
 */
export const DEFAULT_PRODUCT_NAMES_PATH = join(__dirname, 'data', 'product-names.csv');

const COLUMNS = [
  'Product_Display_Name',
  'String_Id',
  'GUID',
  'Service_Plan_Name',
  'Service_Plan_Id',
  'Service_Plans_Included_Friendly_Names',
] as const;
type Column = (typeof COLUMNS)[number];

export interface ProductNamesSize {
  /** CSV data rows that passed validation. */
  rows: number;
  /** Distinct product GUIDs (skuId). */
  products: number;
  /** Distinct service plan GUIDs with a friendly name. */
  servicePlans: number;
  /** Malformed data rows that were skipped. */
  skipped: number;
}

export interface ProductNames {
  /** Friendly product name by skuId, then by skuPartNumber; otherwise the part number itself. */
  productName(skuId: string, skuPartNumber: string): string;
  /** Friendly service plan name by servicePlanId, or undefined when the table does not know it. */
  servicePlanName(servicePlanId: string): string | undefined;
  readonly size: ProductNamesSize;
}

const cache = new Map<string, ProductNames>();

/** Loads (once per path, then cached) the product names table. Throws if the file or its header is unusable. */
export function loadProductNames(path: string = DEFAULT_PRODUCT_NAMES_PATH): ProductNames {
  const key = resolve(path);
  const cached = cache.get(key);
  if (cached) return cached;
  const loaded = buildProductNames(readFileSync(key, 'utf8'), key);
  cache.set(key, loaded);
  return loaded;
}

/** Forgets cached tables (tests). */
export function clearProductNamesCache(): void {
  cache.clear();
}

const normalise = (value: string): string => value.replace(/[\s\u00a0]+/g, ' ').trim();

function buildProductNames(text: string, source: string): ProductNames {
  const records: string[][] = parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  const [header, ...rows] = records;
  if (!header) throw new Error(`${source}: empty product names file`);
  const index = new Map<Column, number>();
  for (const column of COLUMNS) {
    const at = header.findIndex((h) => normalise(h) === column);
    if (at < 0) throw new Error(`${source}: header lacks column ${column}`);
    index.set(column, at);
  }
  const cell = (row: string[], column: Column): string => normalise(row[index.get(column) ?? -1] ?? '');

  const byGuid = new Map<string, string>();
  const byPartNumber = new Map<string, string>();
  const byPartNumberUpper = new Map<string, string>();
  // plan id -> friendly name -> occurrences; the most used spelling wins (the table varies its case).
  const planVotes = new Map<string, Map<string, number>>();
  let valid = 0;
  let skipped = 0;

  for (const row of rows) {
    if (row.length !== header.length) {
      skipped++;
      continue;
    }
    const name = cell(row, 'Product_Display_Name');
    const partNumber = cell(row, 'String_Id');
    const guid = cell(row, 'GUID').toLowerCase();
    const planId = cell(row, 'Service_Plan_Id').toLowerCase();
    const planFriendly = cell(row, 'Service_Plans_Included_Friendly_Names');
    if (!name || !partNumber || !isGuid(guid) || (planId !== '' && !isGuid(planId))) {
      skipped++;
      continue;
    }
    valid++;
    if (!byGuid.has(guid)) byGuid.set(guid, name);
    if (!byPartNumber.has(partNumber)) byPartNumber.set(partNumber, name);
    if (!byPartNumberUpper.has(partNumber.toUpperCase())) byPartNumberUpper.set(partNumber.toUpperCase(), name);
    if (planId && planFriendly) {
      const votes = planVotes.get(planId) ?? new Map<string, number>();
      votes.set(planFriendly, (votes.get(planFriendly) ?? 0) + 1);
      planVotes.set(planId, votes);
    }
  }

  const planNames = new Map<string, string>();
  for (const [planId, votes] of planVotes) {
    let best: string | undefined;
    let bestCount = 0;
    for (const [friendly, count] of votes) {
      if (count > bestCount) {
        best = friendly;
        bestCount = count;
      }
    }
    if (best !== undefined) planNames.set(planId, best);
  }

  const size: ProductNamesSize = Object.freeze({
    rows: valid,
    products: byGuid.size,
    servicePlans: planNames.size,
    skipped,
  });

  return Object.freeze({
    productName(skuId: string, skuPartNumber: string): string {
      const part = normalise(skuPartNumber ?? '');
      const byId = byGuid.get(normalise(skuId ?? '').toLowerCase());
      if (byId !== undefined) return byId;
      const byPart = byPartNumber.get(part) ?? byPartNumberUpper.get(part.toUpperCase());
      if (byPart !== undefined) return byPart;
      return part || normalise(skuId ?? '');
    },
    servicePlanName(servicePlanId: string): string | undefined {
      return planNames.get(normalise(servicePlanId ?? '').toLowerCase());
    },
    size,
  });
}
