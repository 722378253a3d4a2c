/**
 * ISO 4217 minor units for currencies whose exponent is not 2. Amounts are
 * stored in minor units, so the exponent decides how "12.5" is kept.
 */
const EXPONENTS: Record<string, number> = {
  BHD: 3, BIF: 0, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0, KWD: 3,
  LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

export const CURRENCY_CODE = /^[A-Z]{3}$/;

export function currencyScale(code: string): number {
  return EXPONENTS[code] ?? 2;
}
