/**
 * How the UI folds the coverage worker's answers into its state (src/ui/coverage/coverageAnswers.ts):
 * the revision logic (pending while a newer request is out; an error keeps the last figures) and the
 * picture's tiles (a full update replaces them, a partial one patches, unknown ids are ignored,
 * unchanged tiles keep their image object so the map does not upload them again).
 */
import { describe, expect, it } from 'vitest';
import { applyAnswer, applyPicture, applyPictureAnswer, coverageSettling, INITIAL_COVERAGE, markPopulationSent, markSent, populationSettled, type CoverageState } from '../../src/ui/coverage/coverageAnswers';
import type { PictureTile } from '../../src/coverage/picture';
import type { CoverageResponse, PictureUpdate } from '../../src/worker/coverageProtocol';

const tile = (id: number): PictureTile => ({ id, c0: id * 2, r0: 0, width: 2, height: 1, corners: [[0, 0], [0, 1], [1, 1], [1, 0]] });
const layout = new Map([1, 2, 3].map((id) => [id, tile(id)]));
/** "Images" that record their bytes and a serial number (to see which were made anew). */
let serial = 0;
const makeImage = (rgba: Uint8ClampedArray, width: number, height: number) => ({ bytes: Array.from(rgba), width, height, n: ++serial });
const rgba = (v: number) => Uint8ClampedArray.from([v, v, v, 255, v, v, v, 255]).buffer as ArrayBuffer;
const picture = (full: boolean, tiles: PictureUpdate['tiles']): PictureUpdate => ({ viewId: 'v', mode: 'gaps', ground: 'land', full, tiles });

const update = (revision: number, pic: PictureUpdate | null): Extract<CoverageResponse, { kind: 'update' }> => ({
  kind: 'update',
  revision,
  results: [{ targetId: 't', metric: 'count', status: 'met', current: revision, target: 1, unit: 'units', share: 1 }],
  view: null,
  picture: pic,
  compare: null,
  timings: { syncMs: 0, checkerMs: 0, paintMs: 0, totalMs: 0 },
});

describe('applyPicture', () => {
  it('full replaces, partial patches, null rgba removes, unknown ids are ignored, no update keeps it', () => {
    const a = applyPicture(null, picture(true, [{ id: 1, rgba: rgba(10) }, { id: 2, rgba: rgba(20) }]), layout, makeImage)!;
    expect([...a.tiles.keys()]).toEqual([1, 2]);
    expect(a.tiles.get(1)!.image.bytes[0]).toBe(10);
    const b = applyPicture(a, picture(false, [{ id: 2, rgba: null }, { id: 3, rgba: rgba(30) }, { id: 99, rgba: rgba(1) }]), layout, makeImage)!;
    expect([...b.tiles.keys()].sort()).toEqual([1, 3]);
    // The untouched tile keeps its very image object: no new texture for it.
    expect(b.tiles.get(1)).toBe(a.tiles.get(1));
    expect(b.tiles.get(3)!.tile).toBe(layout.get(3));
    const c = applyPicture(b, picture(true, [{ id: 2, rgba: rgba(40) }]), layout, makeImage)!;
    expect([...c.tiles.keys()]).toEqual([2]);
    expect(applyPicture(c, null, layout, makeImage)).toBe(c);
    // A partial update with nothing held yet starts from nothing.
    expect([...applyPicture(null, picture(false, [{ id: 1, rgba: rgba(5) }]), layout, makeImage)!.tiles.keys()]).toEqual([1]);
  });
});

describe('applyAnswer: revisions', () => {
  it('pending while the UI has sent a newer revision than the answer includes; errors keep the figures', () => {
    let s = INITIAL_COVERAGE as CoverageState<ReturnType<typeof makeImage>>;
    expect(s.pending).toBe(true);
    s = applyAnswer(s, update(3, picture(true, [{ id: 1, rgba: rgba(1) }])), 3, layout, makeImage);
    expect(s.pending).toBe(false);
    expect(s.results!.get('t')!.current).toBe(3);
    // The UI sends revision 4 and 5; the answer for 4 arrives: still pending.
    const sent = markSent(s);
    expect(sent.pending).toBe(true);
    expect(markSent(sent)).toBe(sent);
    s = applyAnswer(sent, update(4, null), 5, layout, makeImage);
    expect(s.pending).toBe(true);
    expect(s.picture!.tiles.size).toBe(1); // no picture change: the tiles stay
    s = applyAnswer(s, { kind: 'error', revision: 5, message: 'boom' }, 5, layout, makeImage);
    expect(s).toMatchObject({ error: 'boom', pending: false });
    expect(s.results!.get('t')!.current).toBe(4);
    s = applyAnswer(s, update(5, null), 5, layout, makeImage);
    expect(s).toMatchObject({ error: null, pending: false });
  });
});

describe('a picture that comes apart from its answer', () => {
  it('settling until the picture comes, which then replaces the tiles; figures and revisions untouched', () => {
    let s = applyAnswer(INITIAL_COVERAGE as CoverageState<ReturnType<typeof makeImage>>, { ...update(2, null), pictureFollows: true }, 2, layout, makeImage);
    expect(s).toMatchObject({ pending: false, pictureFollows: true, picture: null });
    expect(coverageSettling(s)).toBe(true);
    const figures = s.results;
    s = applyPictureAnswer(s, { kind: 'picture', revision: 2, picture: picture(true, [{ id: 2, rgba: rgba(7) }]) }, layout, makeImage);
    expect(s.pictureFollows).toBe(false);
    expect(coverageSettling(s)).toBe(false);
    expect([...s.picture!.tiles.keys()]).toEqual([2]);
    expect(s.results).toBe(figures);
    // An answer without a picture to follow clears the flag; a pending edit still settles.
    expect(applyAnswer(s, update(3, null), 4, layout, makeImage)).toMatchObject({ pictureFollows: false, pending: true });
    expect(coverageSettling(applyAnswer(s, update(3, null), 4, layout, makeImage))).toBe(true);
  });
});

describe('applyAnswer: the residents layer’s status', () => {
  const source = { kind: 'raster' as const, name: 'grid.tif', year: null, label: { zh: 'z', en: 'e' } };
  const report = { inputTotal: 10, placed: 10, outside: 0, moved: 0, movedShare: 0, districts: {}, landWithoutData: 0 };
  const withStatus = (revision: number, error: string | null) => ({ ...update(revision, null), population: { source, report: error ? null : report, error, problem: error ? { code: 'gridNoResidents' as const, params: {} } : null, buildMs: 1 } });

  it('takes a status only from an answer that includes the newest population request', () => {
    let s = INITIAL_COVERAGE as CoverageState<ReturnType<typeof makeImage>>;
    expect(populationSettled(s)).toBe(false);
    s = markPopulationSent(s, 2);
    expect(s.pending).toBe(true);
    // An answer to revision 1 (before the request) carries the old layer's status: not this request's verdict.
    s = applyAnswer(s, withStatus(1, null), 2, layout, makeImage);
    expect(s.population).toBeNull();
    expect(populationSettled(s)).toBe(false);
    s = applyAnswer(s, withStatus(2, 'grid.tif: negative'), 2, layout, makeImage);
    expect(s.population!.error).toBe('grid.tif: negative');
    expect(populationSettled(s)).toBe(true);
    // An answer without a status field (an older worker) leaves the status as it was.
    s = applyAnswer(s, update(3, null), 3, layout, makeImage);
    expect(s.population!.error).toBe('grid.tif: negative');
    s = markPopulationSent(s, 4);
    expect(populationSettled(s)).toBe(false);
    s = applyAnswer(s, withStatus(4, null), 4, layout, makeImage);
    expect(s.population!.report).toEqual(report);
    expect(s.populationAnswered).toBe(4);
  });
});
