/**
 * The interface strings, split by feature (src/ui/<feature>/strings.ts, src/ui/strings.ts for the
 * common ones, src/embed/strings.ts): a translator looks a key up in its features' tables and
 * then the common one, so a key in two tables would hide one of them. Types already require `en`
 * to have `zh`'s keys; this checks what types cannot: no key twice, no empty string, and the same
 * `{placeholders}` in both languages.
 */
import { describe, expect, it } from 'vitest';
import { commonStrings } from '../../src/ui/strings';
import { coverageStrings } from '../../src/ui/coverage/strings';
import { editingStrings } from '../../src/ui/editing/strings';
import { exportStrings } from '../../src/ui/export/strings';
import { importStrings } from '../../src/ui/import/strings';
import { optimizerStrings } from '../../src/ui/optimizer/strings';
import { scenarioStrings } from '../../src/ui/scenarios/strings';
import { scorecardStrings } from '../../src/ui/scorecard/strings';
import { shareStrings } from '../../src/ui/share/strings';
import { embedStrings } from '../../src/embed/strings';
import { translator, type Strings } from '../../src/ui/i18n';
import { BASE_LEGEND_ITEMS } from '../../src/ui/legendItems';
import { BUNDLED_PLANS } from '../../src/domain/bundledPlans';

const TABLES: Record<string, Strings<string>> = {
  common: commonStrings,
  coverage: coverageStrings,
  editing: editingStrings,
  export: exportStrings,
  import: importStrings,
  optimizer: optimizerStrings,
  scenarios: scenarioStrings,
  scorecard: scorecardStrings,
  share: shareStrings,
  embed: embedStrings,
};

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('interface strings', () => {
  it('no key is in two tables', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, table] of Object.entries(TABLES)) {
      for (const key of Object.keys(table.zh)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${name}`);
        seen.set(key, name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('both languages have the same keys, no empty string, and the same placeholders', () => {
    for (const [name, table] of Object.entries(TABLES)) {
      expect(Object.keys(table.en).sort(), name).toEqual(Object.keys(table.zh).sort());
      for (const [key, zh] of Object.entries(table.zh)) {
        const en = table.en[key]!;
        expect(zh.trim(), `${name}.zh.${key}`).not.toBe('');
        expect(en.trim(), `${name}.en.${key}`).not.toBe('');
        expect(placeholders(en), `${name}.${key}`).toEqual(placeholders(zh));
      }
    }
  });

  it('a translator finds its feature’s strings and the common ones, and fills placeholders', () => {
    const zh = translator('zh', scorecardStrings);
    const en = translator('en', scorecardStrings);
    expect(zh.t('tgt_atLeast', { n: zh.num(1200) })).toBe('至少 1,200 处');
    expect(en.t('tgt_atLeast', { n: en.num(1200) })).toBe('at least 1,200');
    expect(en.t('appTitle')).toBe('Shanghai New Infrastructure Siting Map');
    expect(en.pick('浦东新区', 'Pudong')).toBe('Pudong');
    expect(translator('en', embedStrings, shareStrings).t('shr_linkError')).toBe(shareStrings.en.shr_linkError);
    // The same language and tables give the same translator, so `t` keeps its identity across renders.
    expect(translator('en', scorecardStrings)).toBe(en);
  });
});

describe('strings that count plans', () => {
  it('the legend counts the plan districts the map highlights, which are the bundled plans', () => {
    const item = BASE_LEGEND_ITEMS.find((i) => i.key === 'legend_planDistrict')!;
    const n = BUNDLED_PLANS.length;
    expect(translator('zh').t(item.key, item.vars)).toBe(`行动方案所在区 (${n}个)`);
    expect(translator('en').t(item.key, item.vars)).toBe(`District with an action plan (${n})`);
  });
});
