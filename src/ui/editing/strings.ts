/**
 * The map editing tools' and site editor's strings.
 * `en` has exactly the keys of `zh` (a missing or extra one is a type error); `{name}` marks a
 * parameter, filled by `t(key, { name })`.
 */
const zh = {
  readOnlyTitle: '此情景正在另一个标签页中编辑，这里只读',
  editTools: '编辑工具',
  toolSelect: '选择/拖动',
  toolSelectTitle: '点击站点选中，按住拖动',
  toolAdd: '添加站点',
  toolAddTitle: '在地图上点击添加所选类型的站点（Esc 退出）',
  undo: '撤销',
  redo: '重做',
  selectedSite: '所选站点',
  siteName: '名称',
  siteType: '类型',
  siteStatus: '状态',
  radiusOverride: '服务半径 (km，可选)',
  siteYear: '建成 / 计划年份（可选）',
  radiusOverrideNote: '填写后，此站点在外环内外都按此半径服务（如快充枢纽、宏站）；留空则按规则半径（外环内 0.9 km、外环外 1.5 km 等）。范围 0.01–50 km。',
  deleteSite: '删除站点',
};

const en: Record<keyof typeof zh, string> = {
  readOnlyTitle: 'This scenario is being edited in another tab: read-only here',
  editTools: 'Editing tools',
  toolSelect: 'Select / drag',
  toolSelectTitle: 'Click a site to select it, press and drag to move it',
  toolAdd: 'Add site',
  toolAddTitle: 'Click the map to add a site of the chosen type (Esc to stop)',
  undo: 'Undo',
  redo: 'Redo',
  selectedSite: 'Selected site',
  siteName: 'Name',
  siteType: 'Type',
  siteStatus: 'Status',
  radiusOverride: 'Radius override (km, optional)',
  siteYear: 'Year built / planned (optional)',
  radiusOverrideNote: "When set, this site serves that radius on both sides of the Outer Ring (a fast-charging hub, a macro site); empty: the rule's radius (0.9 km inside the ring, 1.5 km outside, …). 0.01–50 km.",
  deleteSite: 'Delete site',
};

export const editingStrings = { zh, en };
