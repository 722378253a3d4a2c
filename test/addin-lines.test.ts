import assert from 'node:assert/strict';
import { previewLine, totalsByRate, type VatMode } from '../addin/src/lines/amounts.js';
import { compareDecimals, currencyScale, minDecimal, normalizeDecimal, parseScaled, sumDecimals } from '../addin/src/lines/decimal.js';
import { formatDecimal, parseDecimal } from '../server/money/decimal.js';
import { currencyScale as serverCurrencyScale } from '../server/money/currency.js';
import { documentTotals, lineAmounts } from '../server/money/vat.js';
import { contracts as enContracts } from '../addin/src/i18n/en/contracts.js';
import { invoices as enInvoices } from '../addin/src/i18n/en/invoices.js';
import { lines as enLines } from '../addin/src/i18n/en/lines.js';
import { payments as enPayments } from '../addin/src/i18n/en/payments.js';
import { contracts as ruContracts } from '../addin/src/i18n/ru/contracts.js';
import { invoices as ruInvoices } from '../addin/src/i18n/ru/invoices.js';
import { lines as ruLines } from '../addin/src/i18n/ru/lines.js';
import { payments as ruPayments } from '../addin/src/i18n/ru/payments.js';

/** A small deterministic generator, so a failure names the same case every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function decimal(next: () => number, maxWhole: number, decimals: number): string {
  const whole = Math.floor(next() * maxWhole);
  if (!decimals) return String(whole);
  const fraction = String(Math.floor(next() * 10 ** decimals)).padStart(decimals, '0');
  return `${whole}.${fraction}`;
}

const MODES: VatMode[] = ['exclusive', 'inclusive', 'none'];

describe('Lines editor arithmetic (front end)', () => {
  it('previews every line amount exactly as the server computes it, in every VAT mode and currency scale', () => {
    const next = random(7);
    for (const scale of [0, 2, 3]) {
      for (let i = 0; i < 400; i++) {
        const input = {
          quantity: decimal(next, 1000, 3).replace(/^0\.000$/, '1'),
          price: decimal(next, 100000, scale),
          discount: decimal(next, 100, 2),
          vatRate: ['0', '5', '9.5', '20', '21'][i % 5]!,
        };
        const mode = MODES[i % 3]!;
        const server = lineAmounts(
          { quantity: parseDecimal(input.quantity, 3), price: parseDecimal(input.price, scale), discount: parseDecimal(input.discount, 2), vatRate: mode === 'none' ? 0n : parseDecimal(input.vatRate, 2) },
          mode,
        );
        const preview = previewLine(input, mode, scale);
        assert.deepEqual(
          preview,
          { net: formatDecimal(server.net, scale), vat: formatDecimal(server.vat, scale), gross: formatDecimal(server.gross, scale) },
          `${JSON.stringify(input)} ${mode} at scale ${scale}`,
        );
      }
    }
  });

  it('shows no amount until quantity and price are numbers, and refuses more decimals than the currency has', () => {
    assert.equal(previewLine({ quantity: '', price: '10', discount: '', vatRate: '20' }, 'exclusive', 2), null);
    assert.equal(previewLine({ quantity: '1', price: 'ten', discount: '', vatRate: '20' }, 'exclusive', 2), null);
    assert.equal(previewLine({ quantity: '1', price: '10.555', discount: '', vatRate: '20' }, 'exclusive', 2), null);
    assert.deepEqual(previewLine({ quantity: '2,5', price: '1 000,10', discount: '', vatRate: '20' }, 'exclusive', 2), { net: '2500.25', vat: '500.05', gross: '3000.30' });
  });

  it('gives VAT per rate as the server does, whether VAT is rounded per line or once per rate', () => {
    const next = random(11);
    for (const rounding of ['line', 'document'] as const) {
      for (const mode of ['exclusive', 'inclusive'] as const) {
        for (let doc = 0; doc < 60; doc++) {
          const lines = Array.from({ length: 1 + (doc % 6) }, (_, i) => ({
            quantity: parseDecimal(decimal(next, 50, 3).replace(/^0\.000$/, '1'), 3),
            price: parseDecimal(decimal(next, 500, 2), 2),
            discount: parseDecimal(decimal(next, 30, 2), 2),
            vatRate: parseDecimal(['10', '21', '5'][i % 3]!, 2),
          }));
          const perLine = lines.map((l) => ({ vatRate: formatDecimal(l.vatRate, 2), ...mapAmounts(lineAmounts(l, mode)) }));
          const server = documentTotals(lines, mode, rounding);
          const shown = totalsByRate(perLine, formatDecimal(server.vat, 2), mode, 2, rounding);
          assert.deepEqual(
            shown.map((r) => ({ net: r.net, vat: r.vat, gross: r.gross })),
            server.byRate.map((r) => mapAmounts(r)),
            `${rounding} rounding, ${mode}, document ${doc}`,
          );
        }
      }
    }
  });

  it('adds and compares money exactly: 0.10 + 0.20 is 0.30, and 0.3 equals 0.30', () => {
    assert.equal(sumDecimals(['0.10', '0.20']), '0.30');
    assert.equal(sumDecimals(['945.62', '-945.62']), '0.00');
    assert.equal(compareDecimals('0.3', '0.30'), 0);
    assert.equal(minDecimal('123.54', '150.00'), '123.54');
    assert.equal(normalizeDecimal('1\u00a0250,50'), '1250.50');
    assert.deepEqual(parseScaled('12.345', 2), { ok: false, reason: 'too_many_decimals' });
    assert.deepEqual(parseScaled('12.3400', 2), { ok: true, value: 1234n });
    assert.deepEqual(parseScaled('1e3', 2), { ok: false, reason: 'not_a_number' });
  });

  it('knows the same currency minor units as the server', () => {
    for (const code of ['EUR', 'USD', 'RUB', 'JPY', 'KWD', 'BHD', 'CLP', 'VND', 'XOF', 'TND']) assert.equal(currencyScale(code), serverCurrencyScale(code), code);
  });
});

// The Russian dictionaries are Partial (a missing key falls back to English), so only a test notices a gap.
describe('Contract, invoice and payment strings', () => {
  const areas = [['lines', enLines, ruLines], ['contracts', enContracts, ruContracts], ['invoices', enInvoices, ruInvoices], ['payments', enPayments, ruPayments]] as const;
  const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const [area, en, ru] of areas) {
    it(`has a Russian translation of every ${area} string, with the same placeholders, and none left over`, () => {
      for (const [key, text] of Object.entries(en)) {
        const translated = (ru as Record<string, string | undefined>)[key];
        assert.ok(translated, `${key} is not translated`);
        assert.deepEqual(vars(translated), vars(text), `${key} placeholders differ`);
      }
      for (const key of Object.keys(ru)) assert.ok(key in en, `${key} is translated but has no English text`);
    });
  }
});

function mapAmounts(a: { net: bigint; vat: bigint; gross: bigint }) {
  return { net: formatDecimal(a.net, 2), vat: formatDecimal(a.vat, 2), gross: formatDecimal(a.gross, 2) };
}
