/**
 * decodeText on real bytes: the GBK fixture (as Excel on Chinese Windows saves CSV), UTF-8 with and
 * without a BOM, UTF-16 with a BOM, and bytes that are no text at all.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/textDecoding';

const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));

describe('decodeText', () => {
  it('reads the GBK fixture as GB18030, Chinese headers intact (UTF-8 would have failed on it)', () => {
    const bytes = bytesOf('stations-gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const d = decodeText(bytes);
    expect(d).toMatchObject({ encoding: 'gb18030', bom: false, lossy: false });
    expect(d.text.split('\r\n')[0]).toBe('名称,设施类型,经度,纬度,状态');
    expect(d.text).toContain('白银路站充电站');
  });

  it('reads UTF-8 with a BOM (Excel’s "CSV UTF-8") without the BOM in the text', () => {
    const d = decodeText(bytesOf('stations-chinese.csv'));
    expect(d).toMatchObject({ encoding: 'utf-8', bom: true, lossy: false });
    expect(d.text.startsWith('编号,名称')).toBe(true);
  });

  it('reads plain UTF-8', () => {
    const d = decodeText(new TextEncoder().encode('经度,纬度\n121.4,31.2\n'));
    expect(d).toEqual({ text: '经度,纬度\n121.4,31.2\n', encoding: 'utf-8', bom: false, lossy: false });
  });

  it('reads UTF-16 LE and BE with a BOM (Excel’s "Unicode text")', () => {
    const text = '名称\t经度\n';
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    expect(decodeText(new Uint8Array(le))).toEqual({ text, encoding: 'utf-16le', bom: true, lossy: false });
    expect(decodeText(new Uint8Array(be))).toEqual({ text, encoding: 'utf-16be', bom: true, lossy: false });
  });

  it('says when no encoding fits, and still gives text', () => {
    // 0x80 and 0xFF are invalid as UTF-8 lead bytes and as GB18030 single bytes.
    const d = decodeText(new Uint8Array([0x6c, 0x6f, 0x6e, 0x80, 0xff, 0x0a]));
    expect(d.lossy).toBe(true);
    expect(d.text.startsWith('lon')).toBe(true);
  });

  it('takes an ArrayBuffer as well as bytes, and an empty file', () => {
    expect(decodeText(new ArrayBuffer(0))).toEqual({ text: '', encoding: 'utf-8', bom: false, lossy: false });
  });
});
