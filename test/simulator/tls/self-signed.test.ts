import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { selfSignedCertificate } from '../../../src/simulator';

describe('simulator: self-signed certificates', () => {
  it('encodes any serial number as DER allows, so the certificate reads back (leading zero bytes included)', () => {
    for (const hex of ['00127f', '0000807f01', '807f', '7f00', '000001']) {
      const serial = Buffer.from(hex, 'hex');
      const cert = new X509Certificate(selfSignedCertificate('serial test', { serial }).certificatePem);
      assert.equal(BigInt(`0x${cert.serialNumber}`), BigInt(`0x${hex}`), hex);
      assert.equal(cert.subject, 'CN=serial test');
    }
  });
});
