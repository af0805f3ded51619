/**
 * The plan scorecard's strings, and the words describeTarget.ts builds a target's goal and
 * status from.
 * `en` has exactly the keys of `zh` (a missing or extra one is a type error); `{name}` marks a
 * parameter, filled by `t(key, { name })`.
 */
const zh = {
  scorecard: '规划目标对照',
  wholeCity: '全市概览',
  noSitesYet: '尚未加载站点，当前值按 0 计',
  checkedIn: '核查耗时',
  allTargets: '本区全部目标',
  assumptionsTitle: '假设参数（非规划数值）',
  assumptionsNote: '行动方案未给出 5G 与传感器的服务半径；以下数值为本工具的假设，仅用于绘制和计算覆盖，可修改。',
  scn_comparedWith: '对比情景（差值 = 本情景 − 对比情景）',
  tgt_wholeDistrict: '全区',
  tgt_wholeScope: '全域',
  tgt_orderOfMagnitude: '（量级）',
  tgt_goalNew: '+{n} 新增',
  tgt_goalCumulative: '≥ {n} 累计',
  tgt_goalAim: '，力争累计 {n}',
  tgt_densityNoFigure: '提高每平方公里覆盖（文件未给数值）',
  tgt_atLeast: '至少 {n} 处',
  tgt_assumed: '（假设）',
  tgt_covered: ', 覆盖 {pct}%',
  tgt_radius: '服务半径 {parts}{share}',
  tgt_met: '已达标',
  tgt_shortBy: '差 {amount}',
  tgt_notComputed: '未计算',
  tgt_notCheckable: '无法核查',
  tgt_over: '超过 ',
  tgt_reported: '{year} 年报告：{more}{n}',
  tgt_pointsUnit: '个百分点',
  zone: '范围',
};

const en: Record<keyof typeof zh, string> = {
  scorecard: 'Plan scorecard',
  wholeCity: 'Whole city',
  noSitesYet: 'no sites loaded yet, current values count 0',
  checkedIn: 'checked in',
  allTargets: 'All targets of the district',
  assumptionsTitle: 'Assumptions (not plan figures)',
  assumptionsNote: 'The plans give no radius for 5G or sensors; these values are this tool’s assumptions, used only to draw and measure coverage. Change them as you see fit.',
  scn_comparedWith: 'Compared with (Δ = this scenario − compared)',
  tgt_wholeDistrict: 'whole district',
  tgt_wholeScope: 'whole scope',
  tgt_orderOfMagnitude: ' (order of magnitude)',
  tgt_goalNew: '+{n} new',
  tgt_goalCumulative: '≥ {n} cumulative',
  tgt_goalAim: ', aiming at {n} in all',
  tgt_densityNoFigure: 'raise coverage per km² (no figure in the text)',
  tgt_atLeast: 'at least {n}',
  tgt_assumed: ' (assumed)',
  tgt_covered: ', covered {pct}%',
  tgt_radius: 'radius {parts}{share}',
  tgt_met: 'met',
  tgt_shortBy: 'short by {amount}',
  tgt_notComputed: 'not computed',
  tgt_notCheckable: 'not checkable',
  tgt_over: 'over ',
  tgt_reported: 'reported {year}: {more}{n}',
  tgt_pointsUnit: 'pp',
  zone: 'Scope',
};

export const scorecardStrings = { zh, en };
