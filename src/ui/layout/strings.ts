/** The side panel's layout strings: folding a section to its heading. `en` has exactly the keys of `zh`. */
const zh = {
  lay_fold: '收起',
  lay_unfold: '展开',
};

const en: typeof zh = {
  lay_fold: 'Fold',
  lay_unfold: 'Unfold',
};

export const layoutStrings = { zh, en };
