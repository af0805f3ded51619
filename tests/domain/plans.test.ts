/**
 * The plan files against the source documents.
 *
 * Expected targets are written from a reading of the five bundled texts (clause numbers in comments), not
 * copied from the plan files, so a dropped or mistyped target fails here. Everything else reads the
 * plan folder as it is, so a sixth plan file is checked like the five.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assumptionKeysOf, checkPlans, loadPlans, planSchema, zoneDistricts, type Plan, type Target } from '../../src/domain/plan';
import { loadAssumptions, parseAssumptions } from '../../src/domain/assumptions';
import { BUNDLED_PLANS } from '../../src/domain/bundledPlans';
import { readPlanFolder } from '../../src/domain/planFolder';
import { createScopeIndex, type DistrictsLike, type OuterRingLike, type ZonesLike } from '../../src/domain/scopes';
import { evaluateTargets } from '../../src/domain/checker';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (rel: string): unknown => JSON.parse(readFileSync(path.join(root, rel), 'utf8'));
const sourceDir = path.join(root, 'seeds', 'sources');
const sharedDir = path.resolve(root, '..', 'shared', 'seeds');

const planDir = path.join(root, 'seeds', 'plans');
const PLAN_FILES = readdirSync(planDir).filter((f) => f.endsWith('.json')).sort();
const rawPlans = PLAN_FILES.map((f) => readJson(`seeds/plans/${f}`));
const rawByName = Object.fromEntries(PLAN_FILES.map((f, i) => [f, rawPlans[i]]));
const assumptionsFile = parseAssumptions(readJson('seeds/assumptions.json'));
const assumptionKeys = assumptionsFile.assumptions.map((a) => a.key);
// In document order (000_ Minhang … 004_ Jing'an), as the app orders them.
const plans: Plan[] = rawPlans.map((raw) => planSchema.parse(raw)).sort((a, b) => a.document.file.localeCompare(b.document.file));
const targets: Target[] = plans.flatMap((p) => p.targets);
const byId = new Map(targets.map((t) => [t.id, t]));
const sourceText = (file: string): string => readFileSync(path.join(sourceDir, file), 'utf8');

describe('each plan records its period, cited verbatim', () => {
  // The texts as bundled (seeds/sources), and as shared with every worktree (../shared/seeds) where
  // that folder exists (a clean clone elsewhere has only the bundled copies, byte-identical to it:
  // the last test of this file).
  const sharedText = (file: string): string | null => (existsSync(path.join(sharedDir, file)) ? readFileSync(path.join(sharedDir, file), 'utf8') : null);

  it.each(plans.map((p) => [p.name_en, p] as const))('%s: the quote stands in its document and names both years', (_name, p) => {
    expect(sourceText(p.document.file)).toContain(p.period.quote);
    const shared = sharedText(p.document.file);
    if (shared !== null) expect(shared).toContain(p.period.quote);
    expect(p.period.quote).toContain(String(p.period.start));
    expect(p.period.quote).toContain(String(p.period.end));
    // Quoted from the title: the title names the same years.
    if (p.period.from === 'title') expect(p.document.title.replace(/\s/g, '')).toContain(String(p.period.end));
    // Every target falls inside its plan's period.
    for (const t of p.targets) expect(t.deadline, t.id).toBeLessThanOrEqual(p.period.end);
  });

  it('the periods as read: four plans 2020–2022, Yangpu 2020–2021 (its 2020 report and 2021 plan)', () => {
    expect(Object.fromEntries(plans.map((p) => [p.name_en, [p.period.start, p.period.end]]))).toEqual({
      Minhang: [2020, 2022],
      Yangpu: [2020, 2021],
      Chongming: [2020, 2022],
      Fengxian: [2020, 2022],
      "Jing'an": [2020, 2022],
    });
  });

  it('a period whose quote lacks a year, or that ends before it starts, is refused', () => {
    const p = plans[0]!;
    expect(planSchema.safeParse({ ...p, period: { ...p.period, quote: '行动方案' } }).success).toBe(false);
    expect(planSchema.safeParse({ ...p, period: { ...p.period, start: 2023 } }).success).toBe(false);
    expect(planSchema.safeParse({ ...p, period: undefined }).success).toBe(false);
  });
});

describe('plan files validate', () => {
  it.each(PLAN_FILES.map((f, i) => [f, rawPlans[i]] as const))('%s matches the schema', (_f, raw) => {
    const r = planSchema.safeParse(raw);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it('pass the cross-file checks (unique ids, one plan per district, known assumptions)', () => {
    expect(checkPlans(rawByName, assumptionKeys).issues).toEqual([]);
  });

  it('the app finds every file in seeds/plans (Vite glob), in the order of their documents', () => {
    const byDocument = [...plans].sort((a, b) => a.document.file.localeCompare(b.document.file));
    expect(BUNDLED_PLANS.map((p) => p.district)).toEqual(byDocument.map((p) => p.district));
    expect(BUNDLED_PLANS.flatMap((p) => p.targets).length).toBe(targets.length);
    // The five bundled documents keep their order (000_ Minhang … 004_ Jing'an) whatever the file names.
    expect(BUNDLED_PLANS.slice(0, 5).map((p) => p.district)).toEqual(['310112', '310110', '310151', '310120', '310106']);
  });

  it('Node (the CLI) reads the same folder and gets the same plans', () => {
    const loaded = loadPlans(readPlanFolder(), loadAssumptions().map((a) => a.key));
    expect(loaded).toEqual(BUNDLED_PLANS);
  });

  it('a sixth plan file dropped into the folder is picked up, with its zones; a broken one is named by file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plans-'));
    try {
      for (const f of PLAN_FILES) copyFileSync(path.join(planDir, f), path.join(dir, f));
      // A district with no plan yet (Pudong 310115, unless a plan for it has been added), with one
      // zone; its document after the others.
      const district = ['310115', '310104', '310105', '310107', '310109', '310113', '310114', '310116', '310117', '310118'].find((d) => !BUNDLED_PLANS.some((p) => p.district === d))!;
      const sixth = {
        district,
        name_zh: '测试区',
        name_en: 'Test district',
        document: { file: '999_0123456789abcdef.txt', title: '测试行动方案', title_en: 'A test plan', number: null, date: '2021-01-01' },
        period: { start: 2021, end: 2023, from: 'title', quote: '测试行动方案(2021-2023年)' },
        zones: ['test-zone'],
        targets: [
          {
            id: 'test-sixth-lockers',
            district,
            facility: 'parcel-locker',
            metric: 'count',
            goal: { value: 300, mode: 'cumulative' },
            scope: { kind: 'zone', zone: 'test-zone' },
            deadline: 2022,
            status: 'plan-target',
            citation: { file: '999_0123456789abcdef.txt', clause: '一', quote: '智能快件箱300组' },
            note_en: 'At least 300 parcel lockers in the test zone by 2022 (a test plan, not a real text).',
          },
        ],
      };
      writeFileSync(path.join(dir, 'a-sixth.json'), JSON.stringify(sixth));
      const keys = loadAssumptions().map((a) => a.key);
      const six = loadPlans(readPlanFolder(pathToFileURL(dir + path.sep)), keys);
      expect(six.map((p) => p.district)).toEqual([...BUNDLED_PLANS.map((p) => p.district), district]);
      expect(zoneDistricts(six).get('test-zone')).toBe(district);
      // A zone the plan does not list, and a file that is not JSON: each problem names its file.
      writeFileSync(path.join(dir, 'a-sixth.json'), JSON.stringify({ ...sixth, zones: [] }));
      writeFileSync(path.join(dir, 'broken.json'), '{ "district": ');
      expect(() => loadPlans(readPlanFolder(pathToFileURL(dir + path.sep)), keys)).toThrow(/a-sixth\.json: targets\.0\.scope\.zone: zone test-zone is not one of the plan's zones[\s\S]*broken\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('target ids are unique across all plans', () => {
    const ids = targets.map((t) => t.id);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('zone scopes use zones their own plan lists', () => {
    for (const p of plans) for (const t of p.targets) if (t.scope.kind === 'zone') expect(p.zones, t.id).toContain(t.scope.zone);
  });

  it('reported-done targets carry their reported figure', () => {
    for (const t of targets.filter((x) => x.status === 'reported-done')) expect(t.reported, t.id).toBeDefined();
  });

  it('checkPlans catches a duplicate id and a dangling assumption key', () => {
    const copy = structuredClone(rawPlans[0]) as { targets: Array<Record<string, unknown>> };
    const first = copy.targets[0];
    if (!first) throw new Error('empty plan');
    copy.targets.push({ ...first });
    const issues = checkPlans({ 'copy.json': copy }, ['nothing']).issues.join('\n');
    expect(issues).toMatch(/used twice/);
    expect(issues).toMatch(/unknown assumption 5g-macro-radius-inside-outer-ring/);
  });
});

describe('citations', () => {
  it('seeds/sources holds the five seed texts, a README, and each plan’s document', () => {
    const files = readdirSync(sourceDir).sort();
    expect(files).toEqual(
      expect.arrayContaining(['000_71f8e23333d7bc4b.txt', '001_c014c8bdb37f7a1f.txt', '002_931dc04a7094aa0f.txt', '003_95ba35a700e40d34.txt', '004_5c8107f7adb55706.txt', 'README.md']),
    );
    for (const p of plans) expect(files, p.district).toContain(p.document.file);
    // The bundled texts' provenance is recorded (a plan added later is asked to add its row: CONTRIBUTING.md).
    const readme = readFileSync(path.join(sourceDir, 'README.md'), 'utf8');
    for (const f of files.filter((x) => /^00[0-4]_/.test(x))) expect(readme).toContain(f);
  });

  it.skipIf(!existsSync(sharedDir))('the copies are byte-identical to the shared originals', () => {
    // The five seed texts are there; a plan's document added later may have no shared original.
    for (const p of plans.filter((x) => /^00[0-4]_/.test(x.document.file) || existsSync(path.join(sharedDir, x.document.file)))) {
      const copy = readFileSync(path.join(sourceDir, p.document.file));
      const original = readFileSync(path.join(sharedDir, p.document.file));
      expect(copy.equals(original), p.document.file).toBe(true);
    }
  });

  it('every quote is short, non-empty and appears verbatim in its cited document', () => {
    for (const t of targets) {
      const q = t.citation.quote;
      expect(q.length, t.id).toBeGreaterThan(0);
      expect(q.length, t.id).toBeLessThanOrEqual(80);
      expect(q.trim(), `${t.id}: no leading/trailing space`).toBe(q);
      expect(sourceText(t.citation.file).includes(q), `${t.id}: quote not in ${t.citation.file}: ${q}`).toBe(true);
    }
  });

  it('each plan cites its own document, and the 文号 and title appear in it', () => {
    for (const p of plans) {
      const text = sourceText(p.document.file);
      expect(text).toContain(p.document.title);
      if (p.document.number !== null) expect(text).toContain(p.document.number);
      for (const t of p.targets) expect(t.citation.file).toBe(p.document.file);
    }
  });

  /** Chinese spellings the texts use for round numbers. */
  const CHINESE_NUMBERS: Record<number, string[]> = { 10000: ['万'], 20000: ['2万'], 100000: ['十万'] };
  const numberInQuote = (n: number, quote: string) =>
    quote.includes(String(n)) || (CHINESE_NUMBERS[n] ?? []).some((s) => quote.includes(s));

  it('the figures of count, presence and reported targets appear in their quote', () => {
    for (const t of targets) {
      if (t.metric === 'count') expect(numberInQuote(t.goal.value, t.citation.quote), `${t.id}: ${t.goal.value}`).toBe(true);
      if (t.metric === 'presence' && t.goal.minCount > 1) {
        expect(numberInQuote(t.goal.minCount, t.citation.quote), t.id).toBe(true);
      }
      if (t.reported && t.metric !== 'service-radius') {
        expect(numberInQuote(t.reported.value, t.citation.quote), `${t.id}: reported ${t.reported.value}`).toBe(true);
      }
      if (t.metric === 'service-radius') {
        for (const r of t.goal.rule) if (r.radiusKm !== undefined) expect(t.citation.quote, t.id).toContain(String(r.radiusKm));
      }
    }
  });
});

describe('assumptions', () => {
  it('the file validates and every value is labelled an assumption', () => {
    expect(assumptionsFile.assumptions.length).toBeGreaterThanOrEqual(5);
    for (const a of assumptionsFile.assumptions) {
      expect(a.source).toBe('assumption');
      expect(a.label_en.toLowerCase()).toContain('assumption');
      expect(a.label_zh).toContain('假设');
    }
  });

  it('holds the radii the map needs', () => {
    const values = Object.fromEntries(assumptionsFile.assumptions.map((a) => [a.key, a.value]));
    expect(values).toMatchObject({
      '5g-macro-radius-inside-outer-ring': 0.3,
      '5g-macro-radius-outside-outer-ring': 0.8,
      '5g-pole-radius': 0.1,
      'parcel-locker-radius': 0.5,
    });
    expect(values['iot-sensor-radius']).toBeGreaterThan(0);
    expect(values['5g-deep-coverage-radius']).toBeGreaterThan(0);
  });

  it('every 5G coverage target takes its radius from an existing assumption, never a plan figure', () => {
    const fiveG = targets.filter((t) => t.metric === 'service-radius' && t.facility.startsWith('5g'));
    expect(fiveG.length).toBeGreaterThanOrEqual(5);
    for (const t of fiveG) {
      if (t.metric !== 'service-radius') continue;
      expect(t.qualitative, t.id).toBe(true);
      for (const r of t.goal.rule) expect(r.radiusKm, t.id).toBeUndefined();
      const keys = assumptionKeysOf(t);
      expect(keys.length, t.id).toBe(t.goal.rule.length);
      for (const k of keys) expect(assumptionKeys, t.id).toContain(k);
    }
  });
});

/** Asserts the target exists and matches the expected fields. */
function expectTarget(id: string, expected: Record<string, unknown>): void {
  const t = byId.get(id);
  expect(t, `missing target ${id}`).toBeDefined();
  expect(t).toMatchObject(expected);
}

const district = { kind: 'district' };
const zone = (z: string) => ({ kind: 'zone', zone: z });
const fullCoverage5g = {
  metric: 'service-radius',
  facility: '5g-macro',
  qualitative: true,
  goal: {
    targetShare: 1,
    rule: [
      { part: 'inside', radiusFrom: 'assumption:5g-macro-radius-inside-outer-ring' },
      { part: 'outside', radiusFrom: 'assumption:5g-macro-radius-outside-outer-ring' },
    ],
  },
};

describe('Minhang 闵行 310112 (000, 闵府发〔2020〕16号)', () => {
  it('has the document facts', () => {
    expect(plans[0]?.document).toEqual({
      file: '000_71f8e23333d7bc4b.txt',
      title: '闵行区推进新型基础设施建设行动方案(2020-2022年)',
      title_en: 'Minhang action plan for new infrastructure (2020–2022)',
      number: '闵府发〔2020〕16号',
      date: '2020-09-08',
    });
  });
  it('has the checklist targets', () => {
    // 二(一)1 累计建设5G通信基站4500座以上 — cumulative by 2022
    expectTarget('minhang-5g-sites-2022', { district: '310112', metric: 'count', facility: '5g-macro', deadline: 2022, scope: district, goal: { value: 4500, mode: 'cumulative' } });
    // 二(一)1 实现区域全覆盖
    expectTarget('minhang-5g-full-coverage', { ...fullCoverage5g, scope: district });
    // 二(一)1 虹桥商务区、马桥人工智能创新试验区等区域深度覆盖; 二(五)1 Maqiao 5G深度覆盖
    expectTarget('minhang-5g-deep-hongqiao', { metric: 'service-radius', scope: zone('hongqiao-business-district'), goal: { targetShare: 1 } });
    expectTarget('minhang-5g-deep-maqiao', { metric: 'service-radius', scope: zone('maqiao-ai-zone'), goal: { targetShare: 1 } });
    // 二(五)3 大零号湾 5G智能创新港, 1.3 km² T-shaped zone
    expectTarget('minhang-5g-da-lingkong-wan', { metric: 'service-radius', scope: zone('da-lingkong-wan') });
    // 二(一)1 smart lamp poles on main roads, and inside the Maqiao zone
    expectTarget('minhang-smart-lamp-poles-main-roads', { facility: 'smart-lamp-pole', metric: 'presence', scope: district });
    expectTarget('minhang-smart-lamp-poles-maqiao', { facility: 'smart-lamp-pole', metric: 'presence', scope: zone('maqiao-ai-zone') });
    // 二(三)2 外环内0.9公里、郊区新城及其他区域1.5公里服务半径全覆盖
    expectTarget('minhang-ev-charging-radius', {
      facility: 'ev-charging-pile',
      metric: 'service-radius',
      scope: district,
      goal: { targetShare: 1, rule: [{ part: 'inside', radiusKm: 0.9 }, { part: 'outside', radiusKm: 1.5 }] },
    });
    // 二(三)2 新建电动汽车充电桩1500个
    expectTarget('minhang-ev-charging-piles-new-2022', { facility: 'ev-charging-pile', metric: 'count', goal: { value: 1500, mode: 'new' } });
    // 二(三)2 若干个加氢站 — no number
    expectTarget('minhang-hydrogen-stations', { facility: 'hydrogen-station', metric: 'presence', qualitative: true, goal: { minCount: 1 } });
    // 二(三)2 新增2000台以上智能取物柜
    expectTarget('minhang-parcel-lockers-new-2022', { facility: 'parcel-locker', metric: 'count', goal: { value: 2000, mode: 'new' } });
    // 二(三)1 十万级神经元感知网络; 每平方公里的覆盖率 (no figure)
    expectTarget('minhang-iot-sensors-100k', { facility: 'iot-sensor', metric: 'count', goal: { value: 100000, valueKind: 'order-of-magnitude' } });
    expectTarget('minhang-monitoring-density', { metric: 'density', goal: { perKm2: null } });
    // 二(五)1 紫光芯云中心 → 高等级算力中心 in Maqiao
    expectTarget('minhang-maqiao-computing-center', { facility: 'data-center', metric: 'presence', scope: zone('maqiao-ai-zone') });
  });
});

describe('Yangpu 杨浦 310110 (001, 杨府〔2021〕13号)', () => {
  const done2020 = (value: number, extra: Record<string, unknown> = {}) => ({
    status: 'reported-done',
    deadline: 2020,
    reported: { value, year: 2020, ...extra },
  });
  it('has the 2020 reported figures', () => {
    // 一(一)1 2020年底建成5G基站超过1500个, 实现5G基站建设区域全覆盖
    expectTarget('yangpu-5g-sites-2020', { facility: '5g-macro', goal: { value: 1500 }, ...done2020(1500, { qualifier: 'more-than' }) });
    expectTarget('yangpu-5g-full-coverage-2020', { ...fullCoverage5g, ...done2020(1) });
    // 一(一)2 2020年新建和改造基站462个 (BeiDou)
    expectTarget('yangpu-beidou-stations-2020', { facility: 'beidou-station', goal: { value: 462, mode: 'new' }, ...done2020(462) });
    // 一(三)9 小区微卡口监控2246路; 联网终端数超过2万个
    expectTarget('yangpu-camera-channels-2020', { facility: 'camera-channel', goal: { value: 2246 }, ...done2020(2246) });
    expectTarget('yangpu-iot-terminals-2020', { facility: 'iot-sensor', goal: { value: 20000 }, ...done2020(20000, { qualifier: 'more-than' }) });
    // 一(四)10 2994个公共充电桩(其中快充桩163个); 2处新能源出租车充电示范站
    expectTarget('yangpu-public-charging-piles-2020', { facility: 'ev-charging-pile', goal: { value: 2994 }, ...done2020(2994) });
    expectTarget('yangpu-fast-charging-piles-2020', { facility: 'ev-fast-charging-pile', goal: { value: 163 }, ...done2020(163) });
    expectTarget('yangpu-taxi-charging-demo-2020', { facility: 'taxi-charging-station', goal: { value: 2 }, ...done2020(2) });
    // 一(四)12 智能快件箱1071个, 生鲜前置仓20个, 智能回收柜154个
    expectTarget('yangpu-parcel-lockers-2020', { facility: 'parcel-locker', goal: { value: 1071 }, ...done2020(1071) });
    expectTarget('yangpu-fresh-food-warehouses-2020', { facility: 'fresh-food-warehouse', goal: { value: 20 }, ...done2020(20) });
    expectTarget('yangpu-recycling-cabinets-2020', { facility: 'recycling-cabinet', goal: { value: 154 }, ...done2020(154) });
  });
  it('has the 2021 plan targets', () => {
    // 二(二)2 建设5G综合杆基站176个; 实现滨江“双千兆”网络覆盖
    expectTarget('yangpu-5g-pole-sites-2021', { facility: '5g-pole', status: 'plan-target', deadline: 2021, goal: { value: 176, mode: 'new' } });
    expectTarget('yangpu-binjiang-dual-gigabit-2021', { metric: 'service-radius', scope: zone('yangpu-binjiang'), deadline: 2021 });
    // 二(五)12 新增400个公共充电桩 (on the 2,994 of 2020); 完成1个出租车充电示范站 (after 2)
    expectTarget('yangpu-public-charging-piles-2021', { facility: 'ev-charging-pile', deadline: 2021, goal: { value: 400, mode: 'new', baseline: 2994 } });
    expectTarget('yangpu-taxi-charging-demo-2021', { facility: 'taxi-charging-station', deadline: 2021, goal: { value: 1, mode: 'new', baseline: 2 } });
    // 二(一)1 edge nodes at carrier rooms and substations; key areas 长阳秀带, 大创智—五角场
    expectTarget('yangpu-edge-computing-nodes-2021', { facility: 'edge-computing-node', metric: 'presence', scope: district });
    expectTarget('yangpu-edge-computing-changyang', { facility: 'edge-computing-node', scope: zone('changyang') });
    expectTarget('yangpu-edge-computing-wujiaochang', { facility: 'edge-computing-node', scope: zone('wujiaochang') });
    // 二(五)13 车路协同 at 湾谷科技园 (no polygon)
    expectTarget('yangpu-v2x-wangu-2021', { facility: 'v2x-roadside-unit', scope: { kind: 'place' } });
  });
});

describe('Chongming 崇明 310151 (002, 沪崇府发〔2020〕63号)', () => {
  it('has the checklist targets', () => {
    // 二(一)1 在实现全区覆盖的基础上，持续推进重点区域深度覆盖
    expectTarget('chongming-5g-full-coverage', { ...fullCoverage5g, scope: district });
    expectTarget('chongming-5g-deep-key-areas', { metric: 'service-radius', scope: { kind: 'place' } });
    // 二(一)2 以长兴岛为核心区域 … 工业互联网网络基础设施
    expectTarget('chongming-changxing-industrial-network', { metric: 'service-radius', scope: zone('changxing-island') });
    // 二(三)6 横沙生态先行示范区智慧大脑 — 全区域 data collection
    expectTarget('chongming-hengsha-smart-brain-sensing', { facility: 'iot-sensor', scope: zone('hengsha-island') });
    // 二(四)2 堡镇汽车站 180个公交充电停车位; 智能化环保型码头; 智能电网终端
    expectTarget('chongming-baozhen-bus-bays', {
      facility: 'bus-charging-bay',
      metric: 'presence',
      scope: zone('baozhen-bus-station'),
      goal: { place: 'baozhen-bus-station', minCount: 180 },
      deadline: 2022,
    });
    expectTarget('chongming-smart-cargo-wharf', { facility: 'smart-wharf', metric: 'presence', goal: { minCount: 1 } });
    expectTarget('chongming-smart-grid-terminals', { facility: 'smart-grid-terminal', metric: 'presence' });
    // 二(四)1 智能传感节点; 二(四)3 智慧零售终端货物柜
    expectTarget('chongming-iot-sensor-nodes', { facility: 'iot-sensor', metric: 'presence' });
    expectTarget('chongming-smart-retail-cabinets', { facility: 'parcel-locker', metric: 'presence' });
    // 二(三)1 5G生态创新创业园 big-data centre; 二(四)6 智慧花博园 (no polygons)
    expectTarget('chongming-5g-park-big-data-center', { facility: 'data-center', scope: { kind: 'place' } });
    expectTarget('chongming-flower-expo-5g', { metric: 'service-radius', scope: { kind: 'place' } });
  });
});

describe('Fengxian 奉贤 310120 (003, no 文号, 2020-08-27)', () => {
  it('has the checklist targets', () => {
    // 行动五 17 三年内新建5G基站不少于2000个,力争累计达到3000个; 区域全覆盖; SA at 智行生态谷
    expectTarget('fengxian-5g-sites-new-2022', { facility: '5g-macro', metric: 'count', deadline: 2022, goal: { value: 2000, mode: 'new', aim: 3000 } });
    expect(byId.get('fengxian-5g-sites-new-2022')?.metric === 'count' && byId.get('fengxian-5g-sites-new-2022')?.goal).not.toHaveProperty('baseline');
    expectTarget('fengxian-5g-full-coverage', { ...fullCoverage5g, scope: district });
    expectTarget('fengxian-5g-sa-zhixing-test-area', { metric: 'service-radius', scope: { kind: 'place' } });
    // 行动四 15 扩大智能取物柜覆盖范围 (no share); 行动三 9 智慧停车 (no figure); 行动二 6 感知设备覆盖率
    expectTarget('fengxian-parcel-locker-coverage', { facility: 'parcel-locker', metric: 'service-radius', goal: { targetShare: null } });
    expectTarget('fengxian-smart-parking-coverage', { facility: 'smart-parking', metric: 'density', goal: { perKm2: null } });
    expectTarget('fengxian-sensing-coverage', { metric: 'density', goal: { perKm2: null } });
    // 行动五 18 社会治理神经元节点
    expectTarget('fengxian-iot-neuron-nodes', { facility: 'iot-sensor', metric: 'presence' });
  });
});

describe('Jing’an 静安 310106 (004, 静府发〔2020〕8号)', () => {
  it('has the checklist targets', () => {
    // 二(五)17 在实现全区覆盖的基础上, 持续推进重点区域深度覆盖
    expectTarget('jingan-5g-full-coverage', { ...fullCoverage5g, scope: district });
    expectTarget('jingan-5g-deep-key-areas', { metric: 'service-radius', scope: { kind: 'place' } });
    // 二(五)18 部署万级社会治理神经元感知节点; 一(二) 部署万个应用终端
    expectTarget('jingan-iot-sensor-nodes-10k', { facility: 'iot-sensor', goal: { value: 10000, valueKind: 'order-of-magnitude' } });
    expectTarget('jingan-application-terminals-10k', { facility: 'smart-terminal', goal: { value: 10000 } });
    // 二(四)14 市北 算力基础设施; 二(五)19 EDC across 市北、大宁、苏河湾、南京西路
    expectTarget('jingan-shibei-computing', { facility: 'data-center', scope: zone('shibei-hightech-park') });
    expectTarget('jingan-edc-daning', { facility: 'data-center', scope: zone('daning') });
    expectTarget('jingan-edc-suhe-bay', { facility: 'data-center', scope: zone('suhe-bay') });
    expectTarget('jingan-edc-nanjing-west-road', { facility: 'data-center', scope: zone('nanjing-west-road') });
    // 二(二)6 Nanjing West Road: last-mile lockers, unmanned recycling stations
    expectTarget('jingan-nanjing-west-road-lockers', { facility: 'parcel-locker', scope: zone('nanjing-west-road'), goal: { targetShare: null } });
    expectTarget('jingan-nanjing-west-road-recycling', { facility: 'recycling-cabinet', scope: zone('nanjing-west-road') });
  });
});

const zonesPath = path.join(root, 'public', 'data', 'zones.geojson');
describe.skipIf(!existsSync(zonesPath))('zones.geojson (when the geodata build has produced it)', () => {
  it('holds a polygon for every zone a plan lists, in the plan’s district', () => {
    const fc = readJson('public/data/zones.geojson') as { features: Array<{ properties: { id: string; district: string } }> };
    const shipped = new Map(fc.features.map((f) => [f.properties.id, f.properties.district]));
    for (const [id, district] of zoneDistricts(plans)) expect(shipped.get(id), id).toBe(district);
  });
});

const dataFiles = ['districts.geojson', 'zones.geojson', 'outer-ring-area.geojson'].map((f) => path.join(root, 'public', 'data', f));
describe.skipIf(!dataFiles.every((f) => existsSync(f)))('with the shipped geodata (when built)', () => {
  it('every district and zone scope resolves to a polygon, and only place scopes are not checkable', () => {
    const [districts, zones, outerRing] = dataFiles.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown);
    const scopes = createScopeIndex({
      districts: districts as DistrictsLike,
      zones: zones as ZonesLike,
      outerRing: outerRing as OuterRingLike,
    });
    for (const t of targets) {
      const r = scopes.resolve(t.district, t.scope);
      expect(r.status, t.id).toBe(t.scope.kind === 'place' ? 'no-polygon' : 'ok');
    }
    const values = Object.fromEntries(assumptionsFile.assumptions.map((a) => [a.key, a.value]));
    for (const [i, r] of evaluateTargets(targets, [], scopes, { assumptions: values }).entries()) {
      const t = targets[i];
      if (!t) throw new Error('result without target');
      if (t.scope.kind === 'place') expect(r.status, t.id).toBe('not-checkable');
      else if (t.metric === 'service-radius') expect(r.status, t.id).toBe('not-computed'); // no engine here
      else expect(['short', 'not-checkable'], t.id).toContain(r.status); // no sites: nothing is met
    }
  });
});
