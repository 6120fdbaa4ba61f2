import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { AuditEvent, LicenseCost } from '../../src/store';
import { READER } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { executeActions, openUrl, startHarness, text, type Card, type Harness } from './harness';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

/** Waste of the summary card, as it reads: `12,345.00 USD (list price)`. */
const wasteOf = (card: Card | undefined) =>
  /Monthly cost of wasted licenses \|[^|]*\| TextBlock \| ([^|]+) \|/.exec(text(card))?.[1]?.trim();

/** The texts of the row (the innermost container) that names `part`. */
function rowOf(card: Card | undefined, part: string): string {
  let best = '';
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const t = text(o as Card);
      if (o['type'] === 'Container' && t.includes(part) && (!best || t.length < best.length)) best = t;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return best;
}

/**
 * Parity with the integration documents in Teams (docs/product-rules.md R14–R17, R5), over HTTP against the demo tenant: license costs entered on a card,
 * users by license type, suspicious activities, the five tasks, and licenses not managed kept
 * out of sight until asked for.
 */
describe('Teams: costs, differentiation, suspicious activities, task tracking, unmanaged licenses', function () {
  this.timeout(90_000);
  let h: Harness;
  const store = () => h.app.store;
  before(async () => {
    h = await startHarness({ sync: true });
  });
  after(async () => h.stop());

  it('costs: everyone reads the cost of each managed license and its source; only admins get the form', async () => {
    const admin = await h.card('costs');
    assert.deepEqual(cardProblems(admin), []);
    assert.match(rowOf(admin, 'SPE_E3'), /Microsoft 365 E3 .*36\.00 USD per license a month .*Microsoft list price/);
    assert.ok(executeActions(admin).some((a) => a.verb === 'costs.edit'));
    const reader = await h.card('costs', 'personal', { from: READER });
    assert.equal(
      executeActions(reader).some((a) => a.verb === 'costs.edit'),
      false,
      'no edit button for a reader',
    );
    const refused = await h.invoke(
      'costs.save',
      { skuId: E3, cost: '30', currency: 'USD', frequency: 'monthly' },
      'personal',
      { from: READER },
    );
    assert.match(text(refused.card), /Only License Steward admins can do that/);
    assert.equal(await store().getRepository(LicenseCost).count(), 0);
    assert.ok(
      (await store().getRepository(AuditEvent).findBy({ outcome: 'refused' })).some(
        (a) => a.action === 'action.costs.save',
      ),
    );
  });

  it("an admin enters a cost on the form: bad input is refused naming each field, then the summary's waste follows the cost", async () => {
    const before = wasteOf(await h.card('summary'));
    assert.match(before ?? '', /USD \(list price\)/);
    const form = await h.invoke('costs.edit', { skuId: E3 });
    assert.deepEqual(cardProblems(form.card), []);
    const inputs = JSON.stringify(form.card);
    for (const [id, type] of [
      ['cost', 'Input.Number'],
      ['currency', 'Input.ChoiceSet'],
      ['frequency', 'Input.ChoiceSet'],
      ['effective', 'Input.Date'],
      ['expires', 'Input.Date'],
    ]) {
      assert.match(inputs, new RegExp(`"type":"${type}","id":"${id}"`), id);
    }
    const bad = await h.invoke('costs.save', {
      skuId: E3,
      cost: '0',
      currency: 'EURO',
      frequency: 'annual',
      effective: '2025-06-01',
      expires: '2025-01-01',
    });
    assert.match(
      text(bad.card),
      /Not saved: cost: "0" is not a positive amount.*currency: "EURO" is not an ISO 4217 currency code.*expires: 2025-01-01 is before the effective date 2025-06-01/,
    );
    assert.equal(await store().getRepository(LicenseCost).count(), 0);
    const saved = await h.invoke('costs.save', { skuId: E3, cost: '240', currency: 'USD', frequency: 'annual' });
    assert.match(text(saved.card), /Saved for Microsoft 365 E3: 240 USD annual/);
    assert.match(rowOf(saved.card, 'SPE_E3'), /20\.00 USD per license a month .*Entered cost .*240 USD annual/);
    const after = wasteOf(await h.card('summary'));
    assert.notEqual(after, before);
    assert.match(after ?? '', /USD \((entered|entered and list price)\)/);
    const audits = await store()
      .getRepository(AuditEvent)
      .find({ where: { action: 'cost.set' }, order: { id: 'ASC' } });
    assert.deepEqual(
      audits.map((a) => a.outcome),
      ['refused', 'ok'],
    );
  });

  it('differentiation [sku]: users by license type, paged, with an Export CSV of every row', async () => {
    const card = await h.card('differentiation SPE_E3');
    assert.deepEqual(cardProblems(card), []);
    assert.match(text(card), /License differentiation: Microsoft 365 E3/);
    const total = Number(/([\d,]+) users and licenses · page 1 of/.exec(text(card))?.[1]?.replace(/,/g, ''));
    assert.ok(total > 10);
    const next = executeActions(card).find((a) => a.title === 'Next');
    assert.match(text((await h.invoke(next!.verb, next!.data)).card), /page 2 of/);
    const res = await fetch(openUrl(card, 'Export CSV')!);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /license-steward-differentiation-SPE_E3\.csv/);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, total);
    assert.ok(rows.every((r) => r['SKU'] === 'SPE_E3') && 'Visio (activation) Last Activity' in rows[0]!);
    assert.match(text(await h.card('differentiation NOPE')), /"NOPE" is not a managed license/);
  });

  it('suspicious: none in a tenant that shows names; runs: the five tasks', async () => {
    assert.match(text(await h.card('suspicious')), /None: every report row was matched to a user/);
    const runs = await h.card('runs');
    assert.match(
      text(runs),
      /Application Roster.*Application Access.*License Information.*License Differentiation.*Reclamation/,
    );
  });

  it('licenses and spend leave unmanaged licenses out until "Show unmanaged" shows them, marked', async () => {
    assert.match(
      text(
        await h
          .send('policy set managedSkus SPE_E3, SPE_E5, POWER_BI_PRO')
          .then((r) => r[0]?.attachments?.[0]?.content),
      ),
      /managedSkus/,
    );
    for (const command of ['licenses', 'spend']) {
      const card = await h.card(command);
      assert.doesNotMatch(text(card), /Visio Plan 2/, command);
      const show = executeActions(card).find((a) => a.title.startsWith('Show unmanaged'));
      assert.ok(show, command);
      const shown = await h.invoke(show.verb, show.data);
      assert.deepEqual(cardProblems(shown.card), []);
      assert.match(text(shown.card), /Visio Plan 2 \(unmanaged: not counted\)/, command);
      assert.ok(executeActions(shown.card).some((a) => a.title === 'Hide unmanaged'));
    }
    assert.doesNotMatch(text(await h.card('downgrades')), /Visio Plan 2/);
    await h.send('policy set managedSkus all');
  });

  it('the Users tab export and the user card say the same days since last activity', async () => {
    const summary = await h.card('summary');
    const res = await fetch(openUrl(summary, 'Export Users tab (CSV)')!);
    assert.equal(res.status, 200);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const lynne = rows.find((r) => /^LynneR@/i.test(r['User Principal Name']!))!;
    for (const column of [
      'Email',
      'First Name',
      'Last Name',
      'Active Date',
      'Deactivated Date',
      'Windows',
      'Mac',
      'Mobile',
      'Web',
      'onPremisesSync',
      'Mail Usage (MB)',
      'OneDrive Usage (MB)',
    ])
      assert.ok(column in lynne, column);
    const card = await h.card(`user ${lynne['User Principal Name']}`);
    assert.match(text(card), new RegExp(`Days Since Last Activity \\| ${lynne['Days Since Last Activity']} \\(`));
  });
});
