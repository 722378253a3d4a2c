/** Sign of an exact decimal string ("0.00" → 0, "-12.5" → -1), without floats. */
export function decimalSign(value: string | null | undefined): -1 | 0 | 1 {
  if (!value) return 0;
  const text = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return 0;
  if (/^-?0+(\.0+)?$/.test(text)) return 0;
  return text.startsWith('-') ? -1 : 1;
}
