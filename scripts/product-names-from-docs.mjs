#!/usr/bin/env node
// One-off converter: Microsoft's "Product names and service plan identifiers for licensing"
// table -> src/tasks/data/product-names.csv (see src/tasks/data/README.md).
//
//   node scripts/product-names-from-docs.mjs <licensing-service-plan-reference.md> [out.csv]
//   node scripts/product-names-from-docs.mjs <Microsoft's downloaded .csv> [out.csv]
//
// Input is the markdown page from MicrosoftDocs/entra-docs
// (docs/identity/users/licensing-service-plan-reference.md); a file whose first line is
// Microsoft's CSV header is read as that CSV instead and only normalised. Output (stdout when no
// out path is given) has Microsoft's CSV header and one row per (product, service plan):
//   Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names
// Normalisation: HTML entities decoded, markdown escapes removed, runs of whitespace (tabs,
// non-breaking spaces) collapsed and trimmed, GUIDs lower-cased, duplicate (GUID, plan id) rows
// dropped. Plan names and friendly names are paired by the plan GUID, not by position. A product
// with no parseable plan keeps one row with empty plan columns so its name is not lost.
// Warnings and counts go to stderr. Plain Node, no dependencies.

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const HEADER = [
  'Product_Display_Name',
  'String_Id',
  'GUID',
  'Service_Plan_Name',
  'Service_Plan_Id',
  'Service_Plans_Included_Friendly_Names',
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** "NAME (guid)" — the GUID is the last parenthesised group; names may hold parentheses too. */
const PLAN_ITEM = /^(.*?)\s*\(\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*\)\s*$/i;
const NAMED_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+[0-9]*);/gi, (whole, name) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return Object.hasOwn(NAMED_ENTITIES, lower) ? NAMED_ENTITIES[lower] : whole;
  });
}

function safeCodePoint(code, fallback) {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Entities, markdown backslash escapes, then whitespace (incl. NBSP, tabs, zero-width) collapsed. */
export function clean(text) {
  return decodeEntities(text)
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/[\u200b\u200c\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0\u2007\u202f]+/g, ' ')
    .trim();
}

/** Splits a markdown table row on unescaped pipes, dropping the outer ones. */
export function splitRow(line) {
  const cells = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && line[i + 1] === '|') {
      cell += '\\|'; // kept escaped; clean() unescapes it
      i++;
    } else if (ch === '|') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  const trimmedLine = line.trim();
  if (trimmedLine.startsWith('|') && cells.length > 0 && cells[0].trim() === '') cells.shift();
  if (
    trimmedLine.endsWith('|') &&
    !trimmedLine.endsWith('\\|') &&
    cells.length > 0 &&
    cells[cells.length - 1].trim() === ''
  )
    cells.pop();
  return cells;
}

/** "A (g1)<br/>B (g2)" -> [{ name, id }], in order; items without a GUID are reported. */
export function parsePlanList(cell, warn) {
  const plans = [];
  for (const raw of cell.split(/<br\s*\/?>/i)) {
    const item = clean(raw);
    if (item === '') continue;
    const m = PLAN_ITEM.exec(item);
    if (!m) {
      warn(`plan item without a GUID: ${JSON.stringify(item)}`);
      continue;
    }
    plans.push({ name: m[1].trim(), id: m[2].toLowerCase() });
  }
  return plans;
}

const isHeaderRow = (cells) =>
  cells.length >= 3 &&
  /^product name$/i.test(clean(cells[0])) &&
  /^string id$/i.test(clean(cells[1])) &&
  /^guid$/i.test(clean(cells[2]));
const isSeparatorRow = (cells) => cells.length > 0 && cells.every((c) => /^\s*:?-{3,}:?\s*$/.test(c));

/** The first table whose header is "Product name | String ID | GUID | ..." -> product records. */
export function parseMarkdown(markdown, warn) {
  const lines = markdown.replace(/^\ufeff/, '').split(/\r?\n/);
  const products = [];
  let inTable = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const trimmed = line.trim();
    if (!inTable) {
      if (trimmed.startsWith('|') && isHeaderRow(splitRow(trimmed))) inTable = true;
      continue;
    }
    if (!trimmed.startsWith('|')) {
      if (trimmed === '') continue; // tolerate a stray blank line inside the table
      break;
    }
    const cells = splitRow(line);
    if (isSeparatorRow(cells) || isHeaderRow(cells)) continue;
    if (cells.length < 3) {
      warn(`line ${n + 1}: ${cells.length} cells, skipped`);
      continue;
    }
    const [nameCell = '', idCell = '', guidCell = '', plansCell = '', friendlyCell = ''] = cells;
    if (cells.length > 5) warn(`line ${n + 1}: ${cells.length} cells (expected 5); extra cells ignored`);
    const product = {
      name: clean(nameCell),
      stringId: clean(idCell),
      guid: clean(guidCell).toLowerCase(),
      line: n + 1,
    };
    if (!product.name || !product.stringId || !GUID.test(product.guid)) {
      warn(
        `line ${n + 1}: bad product columns ${JSON.stringify([product.name, product.stringId, product.guid])}, skipped`,
      );
      continue;
    }
    const lineWarn = (msg) => warn(`line ${n + 1} (${product.stringId}): ${msg}`);
    const plans = parsePlanList(plansCell, lineWarn);
    const friendly = parsePlanList(friendlyCell, lineWarn);
    products.push({ ...product, plans: pairPlans(plans, friendly, lineWarn) });
  }
  if (!inTable) throw new Error('no "| Product name | String ID | GUID | ..." table found');
  return products;
}

/** Pairs plan names with friendly names by plan GUID; order follows the plan-name list. */
export function pairPlans(plans, friendly, warn) {
  const friendlyById = new Map();
  for (const f of friendly) if (!friendlyById.has(f.id)) friendlyById.set(f.id, f.name);
  const out = [];
  const seen = new Set();
  for (const p of plans) {
    if (seen.has(p.id)) {
      warn(`plan ${p.name} (${p.id}) listed twice; first kept`);
      continue;
    }
    seen.add(p.id);
    const f = friendlyById.get(p.id);
    if (f === undefined) warn(`plan ${p.name} (${p.id}) has no friendly name`);
    out.push({ name: p.name, id: p.id, friendly: f ?? '' });
  }
  for (const f of friendly) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    warn(`friendly name ${f.name} (${f.id}) has no plan name`);
    out.push({ name: '', id: f.id, friendly: f.name });
  }
  return out;
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF) for Microsoft's own CSV. */
export function readCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/** Microsoft's CSV -> the same product records parseMarkdown returns. */
export function parseMicrosoftCsv(text, warn) {
  const [header, ...rows] = readCsv(text);
  const col = Object.fromEntries(HEADER.map((h) => [h, (header ?? []).map((x) => clean(x)).indexOf(h)]));
  for (const [h, i] of Object.entries(col)) if (i < 0) throw new Error(`CSV header lacks ${h}`);
  const byGuid = new Map();
  rows.forEach((r, k) => {
    const get = (h) => clean(r[col[h]] ?? '');
    const guid = get('GUID').toLowerCase();
    const product = { name: get('Product_Display_Name'), stringId: get('String_Id'), guid, line: k + 2 };
    if (!product.name || !product.stringId || !GUID.test(guid)) {
      warn(`row ${k + 2}: bad product columns, skipped`);
      return;
    }
    let entry = byGuid.get(guid);
    if (!entry) byGuid.set(guid, (entry = { ...product, plans: [] }));
    const id = get('Service_Plan_Id').toLowerCase();
    if (id === '' && get('Service_Plan_Name') === '') return;
    if (!GUID.test(id)) {
      warn(`row ${k + 2} (${product.stringId}): bad plan id ${JSON.stringify(id)}, skipped`);
      return;
    }
    entry.plans.push({ name: get('Service_Plan_Name'), id, friendly: get('Service_Plans_Included_Friendly_Names') });
  });
  return [...byGuid.values()];
}

export function csvField(value) {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Product records -> CSV text (LF, no BOM), dropping duplicate (GUID, plan id) rows. */
export function toCsv(products, stats = {}) {
  const lines = [HEADER.join(',')];
  const seen = new Set();
  stats.duplicates = 0;
  stats.rows = 0;
  stats.emptyProducts = 0;
  const emit = (cols) => {
    lines.push(cols.map(csvField).join(','));
    stats.rows++;
  };
  const productGuids = new Set();
  for (const p of products) {
    productGuids.add(p.guid);
    if (p.plans.length === 0) {
      const key = `${p.guid}|`;
      if (seen.has(key)) continue;
      seen.add(key);
      stats.emptyProducts++;
      emit([p.name, p.stringId, p.guid, '', '', '']);
      continue;
    }
    for (const plan of p.plans) {
      const key = `${p.guid}|${plan.id}`;
      if (seen.has(key)) {
        stats.duplicates++;
        continue;
      }
      seen.add(key);
      emit([p.name, p.stringId, p.guid, plan.name, plan.id, plan.friendly]);
    }
  }
  stats.products = productGuids.size;
  return lines.join('\n') + '\n';
}

export function convert(text, warn = () => {}) {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const isCsv = firstLine.replace(/"/g, '').startsWith('Product_Display_Name,');
  const products = isCsv ? parseMicrosoftCsv(text, warn) : parseMarkdown(text, warn);
  const stats = { input: isCsv ? 'csv' : 'markdown' };
  const csv = toCsv(products, stats);
  return { csv, stats };
}

function main(argv) {
  const [input, output] = argv;
  if (!input || input === '-h' || input === '--help') {
    process.stderr.write(
      'usage: node scripts/product-names-from-docs.mjs <licensing-service-plan-reference.md | microsoft.csv> [out.csv]\n',
    );
    process.exitCode = input ? 0 : 2;
    return;
  }
  let warnings = 0;
  const warn = (msg) => {
    warnings++;
    process.stderr.write(`warning: ${msg}\n`);
  };
  const { csv, stats } = convert(readFileSync(input, 'utf8'), warn);
  if (output) writeFileSync(output, csv, 'utf8');
  else process.stdout.write(csv);
  process.stderr.write(
    `${stats.input}: ${stats.products} products, ${stats.rows} rows (${stats.emptyProducts} without plans), ` +
      `${stats.duplicates} duplicate rows dropped, ${warnings} warnings\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
