/**
 * Numbers and amounts in words, as printed on invoices and contracts
 * ("One thousand two hundred fifty euros 50 cents"; «Одна тысяча двести
 * пятьдесят рублей 50 копеек»). Whole numbers up to 10^15 − 1.
 */
import type { Locale } from './values.js';

const EN_ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_GROUPS = ['', 'thousand', 'million', 'billion', 'trillion'];

function enBelowThousand(n: number): string {
  const parts: string[] = [];
  if (n >= 100) {
    parts.push(`${EN_ONES[Math.floor(n / 100)]} hundred`);
    n %= 100;
  }
  if (n >= 20) parts.push(EN_TENS[Math.floor(n / 10)]! + (n % 10 ? `-${EN_ONES[n % 10]}` : ''));
  else if (n > 0) parts.push(EN_ONES[n]!);
  return parts.join(' ');
}

export function englishWords(value: bigint): string {
  if (value < 0n) return `minus ${englishWords(-value)}`;
  if (value === 0n) return 'zero';
  const groups = splitThousands(value);
  const parts: string[] = [];
  groups.forEach((g, i) => {
    if (g) parts.push(enBelowThousand(g) + (EN_GROUPS[i] ? ` ${EN_GROUPS[i]}` : ''));
  });
  return parts.reverse().join(' ');
}

const RU_ONES_M = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_ONES_F = ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const RU_TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const RU_HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];
/** [one, few, many] forms and grammatical gender of each group. */
const RU_GROUPS: { forms: [string, string, string]; feminine: boolean }[] = [
  { forms: ['', '', ''], feminine: false },
  { forms: ['тысяча', 'тысячи', 'тысяч'], feminine: true },
  { forms: ['миллион', 'миллиона', 'миллионов'], feminine: false },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], feminine: false },
  { forms: ['триллион', 'триллиона', 'триллионов'], feminine: false },
];

/** The Russian plural form for n: 1 рубль, 2 рубля, 5 рублей (11–14 are "many"). */
export function ruPlural(n: bigint, forms: readonly [string, string, string]): string {
  const mod100 = Number(n % 100n);
  const mod10 = Number(n % 10n);
  if (mod100 >= 11 && mod100 <= 14) return forms[2];
  if (mod10 === 1) return forms[0];
  if (mod10 >= 2 && mod10 <= 4) return forms[1];
  return forms[2];
}

function ruBelowThousand(n: number, feminine: boolean): string {
  const parts: string[] = [];
  if (n >= 100) parts.push(RU_HUNDREDS[Math.floor(n / 100)]!);
  const rest = n % 100;
  if (rest >= 10 && rest < 20) parts.push(RU_TEENS[rest - 10]!);
  else {
    if (rest >= 20) parts.push(RU_TENS[Math.floor(rest / 10)]!);
    if (rest % 10) parts.push((feminine ? RU_ONES_F : RU_ONES_M)[rest % 10]!);
  }
  return parts.join(' ');
}

/** In words, Russian; `feminine` for the units (одна тысяча, одна копейка). */
export function russianWords(value: bigint, feminine = false): string {
  if (value < 0n) return `минус ${russianWords(-value, feminine)}`;
  if (value === 0n) return 'ноль';
  const groups = splitThousands(value);
  const parts: string[] = [];
  groups.forEach((g, i) => {
    if (!g) return;
    const group = RU_GROUPS[i]!;
    const words = ruBelowThousand(g, i === 0 ? feminine : group.feminine);
    parts.push(i === 0 ? words : `${words} ${ruPlural(BigInt(g), group.forms)}`);
  });
  return parts.reverse().join(' ');
}

function splitThousands(value: bigint): number[] {
  const groups: number[] = [];
  let v = value;
  while (v > 0n) {
    groups.push(Number(v % 1000n));
    v /= 1000n;
  }
  return groups;
}

interface CurrencyWords {
  en: [string, string, string, string]; // major one, major many, minor one, minor many
  ru: { major: [string, string, string]; majorFeminine: boolean; minor: [string, string, string]; minorFeminine: boolean };
}

const CURRENCIES: Record<string, CurrencyWords> = {
  EUR: { en: ['euro', 'euros', 'cent', 'cents'], ru: { major: ['евро', 'евро', 'евро'], majorFeminine: false, minor: ['цент', 'цента', 'центов'], minorFeminine: false } },
  USD: { en: ['US dollar', 'US dollars', 'cent', 'cents'], ru: { major: ['доллар США', 'доллара США', 'долларов США'], majorFeminine: false, minor: ['цент', 'цента', 'центов'], minorFeminine: false } },
  GBP: { en: ['pound sterling', 'pounds sterling', 'penny', 'pence'], ru: { major: ['фунт стерлингов', 'фунта стерлингов', 'фунтов стерлингов'], majorFeminine: false, minor: ['пенни', 'пенни', 'пенни'], minorFeminine: false } },
  RUB: { en: ['rouble', 'roubles', 'kopeck', 'kopecks'], ru: { major: ['рубль', 'рубля', 'рублей'], majorFeminine: false, minor: ['копейка', 'копейки', 'копеек'], minorFeminine: true } },
  BYN: { en: ['Belarusian rouble', 'Belarusian roubles', 'kopeck', 'kopecks'], ru: { major: ['белорусский рубль', 'белорусских рубля', 'белорусских рублей'], majorFeminine: false, minor: ['копейка', 'копейки', 'копеек'], minorFeminine: true } },
  KZT: { en: ['tenge', 'tenge', 'tiyn', 'tiyn'], ru: { major: ['тенге', 'тенге', 'тенге'], majorFeminine: false, minor: ['тиын', 'тиына', 'тиынов'], minorFeminine: false } },
  UAH: { en: ['hryvnia', 'hryvnias', 'kopiyka', 'kopiykas'], ru: { major: ['гривна', 'гривны', 'гривен'], majorFeminine: true, minor: ['копейка', 'копейки', 'копеек'], minorFeminine: true } },
  CHF: { en: ['Swiss franc', 'Swiss francs', 'centime', 'centimes'], ru: { major: ['швейцарский франк', 'швейцарских франка', 'швейцарских франков'], majorFeminine: false, minor: ['сантим', 'сантима', 'сантимов'], minorFeminine: false } },
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * An amount in words with its currency: the whole units in words, the
 * minor units in digits, as accountants write them. Unknown currencies
 * keep their ISO code ("1,000 SEK" → "One thousand SEK 00").
 */
export function amountInWords(minor: bigint, scale: number, currency: string, locale: Locale): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const factor = 10n ** BigInt(scale);
  const major = abs / factor;
  const fraction = abs % factor;
  const digits = scale > 0 ? fraction.toString().padStart(scale, '0') : '';
  const names = CURRENCIES[currency];
  let text: string;
  if (locale === 'ru') {
    const ru = names?.ru;
    const words = russianWords(major, ru?.majorFeminine ?? false);
    const unit = ru ? ruPlural(major, ru.major) : currency;
    text = `${words} ${unit}`;
    if (scale > 0) text += ` ${digits} ${ru ? ruPlural(fraction, ru.minor) : ''}`.trimEnd();
    if (negative) text = `минус ${text}`;
  } else {
    const en = names?.en;
    const unit = en ? (major === 1n ? en[0] : en[1]) : currency;
    text = `${englishWords(major)} ${unit}`;
    if (scale > 0) text += ` ${digits} ${en ? (fraction === 1n ? en[2] : en[3]) : ''}`.trimEnd();
    if (negative) text = `minus ${text}`;
  }
  return capitalize(text);
}
