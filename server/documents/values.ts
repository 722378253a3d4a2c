/**
 * Typed values in merge data. A field keeps its type until it is printed,
 * so a formatter can still tell money from a date (`{total | words}`), and
 * a tag without a formatter prints the value the usual way for its type.
 */
import { formatDecimal } from '../money/decimal.js';

export type Locale = 'en' | 'ru';
export const locales: Locale[] = ['en', 'ru'];

/** Money in minor units of its currency. */
export class Money {
  constructor(
    readonly minor: bigint,
    readonly currency: string,
    readonly scale: number,
  ) {}
  toJSON(): string {
    return formatDecimal(this.minor, this.scale);
  }
}

/** An exact decimal (a quantity, a percentage): digits scaled by 10^scale. */
export class Decimal {
  constructor(
    readonly scaled: bigint,
    readonly scale: number,
  ) {}
  static parse(text: string): Decimal {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!m) return new Decimal(0n, 0);
    const fraction = m[3] ?? '';
    const scaled = BigInt(m[2]! + fraction);
    return new Decimal(m[1] ? -scaled : scaled, fraction.length);
  }
  toJSON(): string {
    return formatDecimal(this.scaled, this.scale);
  }
}

/** A calendar date, YYYY-MM-DD. */
export class DateValue {
  constructor(readonly iso: string) {}
  toJSON(): string {
    return this.iso;
  }
}

/** A value of a one-of list: compared by key or label, printed as the label. */
export class Choice {
  constructor(
    readonly key: string,
    readonly label: string,
  ) {}
  toJSON(): string {
    return this.key;
  }
}

/** An image for {%path}: its bytes stay out of the data snapshot. */
export class ImageValue {
  constructor(
    readonly content: Buffer,
    readonly mime: string,
    readonly sha256: string,
  ) {}
  toJSON(): string {
    return `image:${this.sha256}`;
  }
}

/** Whether a value counts as present for {#condition} and `default`. */
export function isPresent(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Money) return value.minor !== 0n;
  if (value instanceof Decimal) return value.scaled !== 0n;
  if (typeof value === 'number') return value !== 0;
  return true;
}
