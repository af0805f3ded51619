import { describe, expect, it } from 'vitest';
import { cutText, TOOLTIP_NAME_CHARS } from '../../src/ui/cutText';

describe('cutText', () => {
  it('keeps short names, cuts long ones to the limit with an ellipsis, never splitting a code point', () => {
    expect(cutText('人民广场站')).toBe('人民广场站');
    const long = 'x'.repeat(25_000);
    expect(Array.from(cutText(long))).toHaveLength(TOOLTIP_NAME_CHARS);
    expect(cutText(long).endsWith('…')).toBe(true);
    const emoji = '🚗'.repeat(100);
    const cut = cutText(emoji, 10);
    expect(Array.from(cut)).toEqual([...Array(9).fill('🚗'), '…']);
    expect(cutText('abcdef', 6)).toBe('abcdef');
    expect(cutText('abcdefg', 6)).toBe('abcde…');
  });
});
