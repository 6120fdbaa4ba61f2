import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEFAULT_PRODUCT_NAMES_PATH, clearProductNamesCache, loadProductNames } from '../../src/tasks/product-names';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEADER =
  'Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names';

describe('product names table', () => {
  const names = loadProductNames();

  it('maps well-known SKUs by skuId', () => {
    const cases: Array<[string, string, string | RegExp]> = [
      ['6fd2c87f-b296-42f0-b197-1e91e994b900', 'ENTERPRISEPACK', 'Office 365 E3'],
      ['06ebc4ee-1bb5-47dd-8120-11324bc54e06', 'SPE_E5', 'Microsoft 365 E5'],
      ['f8a1db68-be16-40ed-86d5-cb42ce701560', 'POWER_BI_PRO', 'Power BI Pro'],
      ['078d2b04-f1bd-4111-bbd4-b4b1b354cef4', 'AAD_PREMIUM', /Entra ID P1|Azure Active Directory Premium P1/],
      ['c5928f49-12ba-48f7-ada3-0d743a3601d5', 'VISIOCLIENT', /Visio Plan 2/],
      ['53818b1b-4a27-454b-8896-0dba576410e6', 'PROJECTPROFESSIONAL', /Project Plan 3/],
      ['1e1a282c-9c54-43a2-9310-98ef728faace', 'DYN365_ENTERPRISE_SALES', /Dynamics 365.*Sales/],
    ];
    for (const [skuId, part, expected] of cases) {
      // A wrong part number proves the GUID wins.
      const got = names.productName(skuId, 'NOT_A_REAL_PART');
      if (typeof expected === 'string') assert.equal(got, expected, part);
      else assert.match(got, expected, part);
    }
  });

  it('maps well-known SKUs by skuPartNumber when the skuId is unknown', () => {
    const unknownId = '00000000-0000-0000-0000-000000000000';
    assert.equal(names.productName(unknownId, 'ENTERPRISEPACK'), 'Office 365 E3');
    assert.equal(names.productName(unknownId, 'O365_BUSINESS_ESSENTIALS'), 'Microsoft 365 Business Basic');
    assert.equal(names.productName(unknownId, 'O365_BUSINESS_PREMIUM'), 'Microsoft 365 Business Standard');
    assert.equal(names.productName(unknownId, 'SPB'), 'Microsoft 365 Business Premium');
    assert.equal(names.productName(unknownId, ' spb '), 'Microsoft 365 Business Premium');
  });

  it('ignores case and padding in the skuId', () => {
    assert.equal(names.productName(' 6FD2C87F-B296-42F0-B197-1E91E994B900 ', ''), 'Office 365 E3');
  });

  it('falls back to the part number for an unknown SKU', () => {
    assert.equal(names.productName('12345678-aaaa-bbbb-cccc-1234567890ab', 'CONTOSO_SPECIAL'), 'CONTOSO_SPECIAL');
    assert.equal(names.productName('not-a-guid', ''), 'not-a-guid');
  });

  it('names service plans', () => {
    assert.equal(names.servicePlanName('57ff2da0-773e-42df-b2af-ffb7a2317929'), 'Microsoft Teams');
    assert.equal(names.servicePlanName('57FF2DA0-773E-42DF-B2AF-FFB7A2317929'), 'Microsoft Teams');
    assert.equal(names.servicePlanName('00000000-0000-0000-0000-000000000000'), undefined);
  });

  it("holds Microsoft's whole table and skips nothing", () => {
    assert.ok(names.size.products >= 560, `only ${names.size.products} products`);
    assert.ok(names.size.servicePlans >= 700, `only ${names.size.servicePlans} service plans`);
    assert.equal(names.size.skipped, 0);
  });

  it("names products the old 22-row subset did not hold, through the file's quirks", () => {
    // Unknown before the whole table shipped: the part number was the name.
    assert.equal(
      names.productName('f30db892-07e9-47e9-837c-80727f46fd3d', 'FLOW_FREE'),
      'Microsoft Power Automate Free',
    );
    assert.equal(
      names.productName('00000000-0000-0000-0000-000000000000', 'TEAMS_EXPLORATORY'),
      'Microsoft Teams Exploratory',
    );
    // Quoted, with a comma in the name.
    assert.equal(
      names.productName('977464c4-bfaf-4b67-b761-a9bb735a2196', 'CRM_AUTO_ROUTING_ADDON'),
      'Dynamics 365 Field Service, Enterprise Edition - Resource Scheduling Optimization',
    );
    // Part number and GUID with a trailing space in the file.
    assert.equal(
      names.productName('00000000-0000-0000-0000-000000000000', 'MCOCAP_FACULTY'),
      'Microsoft Teams Shared Devices for Faculty',
    );
    assert.equal(
      names.productName('420c7602-7f70-4895-9394-d3d679ea36fb', ''),
      'Microsoft Teams Shared Devices for Faculty',
    );
  });

  it('is cached after the first load', () => {
    assert.equal(loadProductNames(), names);
    assert.equal(loadProductNames(DEFAULT_PRODUCT_NAMES_PATH), names);
  });

  describe('the data file', () => {
    const text = readFileSync(DEFAULT_PRODUCT_NAMES_PATH, 'utf8');
    const rows: Record<string, string>[] = parse(text, { columns: true, bom: true, skip_empty_lines: true });

    it("is Microsoft's download as published: byte-order mark, then Microsoft's header", () => {
      assert.equal(text.split(/\r?\n/, 1)[0], `\ufeff${HEADER}`);
      assert.equal(rows.length, 5457);
    });

    it('has a GUID in the GUID columns once trimmed', () => {
      for (const row of rows) {
        assert.match((row.GUID ?? '').trim(), GUID, JSON.stringify(row));
        const planId = (row.Service_Plan_Id ?? '').trim();
        if (planId !== '') assert.match(planId, GUID, JSON.stringify(row));
      }
    });
  });

  describe('malformed input', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'product-names-'));
    });
    after(() => {
      rmSync(dir, { recursive: true, force: true });
      clearProductNamesCache();
    });

    it('skips and counts malformed rows', () => {
      const file = join(dir, 'bad.csv');
      writeFileSync(
        file,
        [
          // Columns out of Microsoft's order: read by header name.
          '\ufeffGUID,String_Id,Product_Display_Name,Service_Plan_Id,Service_Plan_Name,Service_Plans_Included_Friendly_Names',
          '11111111-2222-3333-4444-555555555555,GOOD,"Good, Product\u00a0",aaaaaaaa-0000-0000-0000-000000000001,PLAN_A,Plan A\t',
          'not-a-guid,BAD_GUID,Bad Guid,aaaaaaaa-0000-0000-0000-000000000001,PLAN_A,Plan A',
          '11111111-2222-3333-4444-555555555556,,No Part Number,aaaaaaaa-0000-0000-0000-000000000001,PLAN_A,Plan A',
          '11111111-2222-3333-4444-555555555557,BAD_PLAN,Bad Plan,plan-1,PLAN_A,Plan A',
          '11111111-2222-3333-4444-555555555558,SHORT,Too Few Columns',
          '11111111-2222-3333-4444-555555555559,NO_PLAN,No Plan Product,,,',
          '',
        ].join('\r\n'),
      );
      const loaded = loadProductNames(file);
      assert.deepEqual(loaded.size, { rows: 2, products: 2, servicePlans: 1, skipped: 4 });
      assert.equal(loaded.productName('11111111-2222-3333-4444-555555555555', 'X'), 'Good, Product');
      assert.equal(loaded.productName('', 'NO_PLAN'), 'No Plan Product');
      assert.equal(loaded.productName('11111111-2222-3333-4444-555555555557', 'BAD_PLAN'), 'BAD_PLAN');
      assert.equal(loaded.servicePlanName('aaaaaaaa-0000-0000-0000-000000000001'), 'Plan A');
      assert.equal(loadProductNames(file), loaded);
    });

    it('rejects a file without the expected header', () => {
      const file = join(dir, 'header.csv');
      writeFileSync(file, 'Product,Id\nOffice 365 E3,ENTERPRISEPACK\n');
      assert.throws(() => loadProductNames(file), /header lacks column/);
    });
  });
});
