import assert from 'node:assert/strict';
import { divRoundHalfUp, formatDecimal, parseDecimal } from '../server/money/decimal.js';
import { documentTotals, lineAmounts } from '../server/money/vat.js';

const money = (s: string) => parseDecimal(s, 2);
const qty = (s: string) => parseDecimal(s, 3);
const pct = (s: string) => parseDecimal(s, 2);
const show = (v: bigint) => formatDecimal(v, 2);

describe('Exact money', () => {
  it('adds 0.10 and 0.20 to exactly 0.30 (floating point gives 0.30000000000000004)', () => {
    assert.notEqual(0.1 + 0.2, 0.3);
    assert.equal(show(money('0.10') + money('0.20')), '0.30');
  });

  it('makes 3 × 33.33 exactly 99.99', () => {
    const line = lineAmounts({ quantity: qty('3'), price: money('33.33'), discount: 0n, vatRate: 0n }, 'none');
    assert.equal(show(line.gross), '99.99');
  });

  it('backs VAT out of an inclusive price: 100.00 at 20 % is 83.33 + 16.67', () => {
    const line = lineAmounts({ quantity: qty('1'), price: money('100.00'), discount: 0n, vatRate: pct('20') }, 'inclusive');
    assert.deepEqual([show(line.net), show(line.vat), show(line.gross)], ['83.33', '16.67', '100.00']);
  });

  it('rounds half up once per line, after the discount', () => {
    // 199.99 − 10 % = 179.991 → 179.99; VAT 20 % of it = 35.998 → 36.00
    const line = lineAmounts({ quantity: qty('1'), price: money('199.99'), discount: pct('10'), vatRate: pct('20') }, 'exclusive');
    assert.deepEqual([show(line.net), show(line.vat), show(line.gross)], ['179.99', '36.00', '215.99']);
    // 2.5 × 0.05 = 0.125 → 0.13 (half up, not to even)
    assert.equal(show(lineAmounts({ quantity: qty('2.5'), price: money('0.05'), discount: 0n, vatRate: 0n }, 'none').net), '0.13');
  });

  it('rounds VAT per line or per document as the company chooses', () => {
    const lines = Array.from({ length: 3 }, () => ({ quantity: qty('1'), price: money('0.03'), discount: 0n, vatRate: pct('20') }));
    assert.equal(show(documentTotals(lines, 'exclusive', 'line').vat), '0.03'); // 3 × round(0.006)
    assert.equal(show(documentTotals(lines, 'exclusive', 'document').vat), '0.02'); // round(0.018)
  });

  it('rounds negative amounts away from zero, symmetrically', () => {
    assert.equal(divRoundHalfUp(-5n, 10n), -1n);
    assert.equal(divRoundHalfUp(5n, 10n), 1n);
    assert.equal(divRoundHalfUp(-4n, 10n), 0n);
  });

  it('refuses more decimals than the currency has instead of rounding silently', () => {
    assert.throws(() => parseDecimal('10.005', 2), /at most 2 decimal places/i);
    assert.equal(parseDecimal('10.500', 2), 1050n);
    assert.throws(() => parseDecimal('1e3', 2), /not a decimal number/);
    assert.equal(parseDecimal(0.1, 2), 10n);
  });
});
