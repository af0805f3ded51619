/**
 * A side-panel section the user can fold to its heading (the panel is ~3,700 px tall unfolded).
 * Wraps a panel without touching it: every panel is a `section.panel` whose first child is its `h2`;
 * folded, the CSS hides everything after that heading (app.css `.foldable.folded`), so the panel's
 * state (a half-typed form, a running import) is kept while folded. Folds persist (foldedPanels.ts).
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { layoutStrings } from './strings';
import { readFolded, writeFolded } from './foldedPanels';

let shared: Set<string> | null = null;

export function Foldable({ id, children }: { id: string; children: ReactNode }) {
  const { t, lang } = useT(layoutStrings);
  const [folded, setFolded] = useState(() => (shared ??= readFolded()).has(id));
  const box = useRef<HTMLDivElement>(null);
  // The button is named after the section's own heading (in the page's language).
  const [heading, setHeading] = useState('');
  useLayoutEffect(() => setHeading(box.current?.querySelector('h2')?.firstChild?.textContent?.trim() ?? ''), [lang]);
  const toggle = () => {
    const next = !folded;
    shared ??= readFolded();
    if (next) shared.add(id);
    else shared.delete(id);
    writeFolded(shared);
    setFolded(next);
  };
  const label = `${t(folded ? 'lay_unfold' : 'lay_fold')} ${heading}`.trim();
  return (
    <div ref={box} className={`foldable${folded ? ' folded' : ''}`} data-fold={id}>
      <button type="button" className="fold-toggle" aria-expanded={!folded} aria-label={label} title={label} data-testid={`fold-${id}`} onClick={toggle}>
        {folded ? '▸' : '▾'}
      </button>
      {children}
    </div>
  );
}
