/**
 * A number with its thousands grouped by commas and a fixed number of decimals (1,234.5): what
 * Intl.NumberFormat writes for zh-CN and en-US, written out here because a page's first
 * Intl.NumberFormat costs 20–60 ms (ICU's number data, loaded once a page) in the middle of the
 * first render, measured in headless Chromium. The same text as Intl (tests/domain/groupedNumber.test.ts):
 * like ICU it rounds the number's shortest decimal form (0.015 → 0.02, though the double is a hair
 * below), a half away from zero, and writes ±Infinity as ±∞.
 */
export function groupedNumber(value: number, fractionDigits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  // The shortest digits that read back as the value, and where the decimal point goes.
  const [mantissa, exp] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const point = Number(exp) + 1; // digits before the decimal point (≤ 0: leading zeros after it)
  const whole = point > 0 ? digits.slice(0, point).padEnd(point, '0') : '0';
  const fraction = point > 0 ? digits.slice(point) : '0'.repeat(-point) + digits;
  // Kept digits, as one decimal string; a half or more in the first dropped digit rounds it up.
  let kept = whole + fraction.slice(0, fractionDigits).padEnd(fractionDigits, '0');
  if ((fraction[fractionDigits] ?? '0') >= '5') kept = incremented(kept);
  const intPart = kept.slice(0, kept.length - fractionDigits) || '0';
  const decimals = kept.slice(kept.length - fractionDigits);
  return (value < 0 || Object.is(value, -0) ? '-' : '') + grouped(intPart.replace(/^0+(?=\d)/, '')) + (fractionDigits > 0 ? `.${decimals}` : '');
}

/** A string of decimal digits plus one in its last place. */
function incremented(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/** Whole-number digits with a comma every three from the right. */
function grouped(whole: string): string {
  let out = '';
  for (let end = whole.length; end > 0; end -= 3) out = whole.slice(Math.max(0, end - 3), end) + (out ? `,${out}` : '');
  return out;
}
