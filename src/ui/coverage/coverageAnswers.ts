/**
 * How the UI folds the coverage worker's answers into its state — pure, so the revision logic and
 * the picture's tile bookkeeping are unit-tested without a worker or a DOM.
 *
 * Revisions: every request the UI sends carries a new revision; an answer carries the newest revision
 * it includes. The state is `pending` while the newest request sent is newer than the answer shown.
 *
 * Picture: the worker sends only changed tiles; a full update replaces the whole set. Unchanged tiles
 * keep their image object, so the map re-uploads only the textures that changed.
 */
import type { TargetCheck } from '../../domain/checker';
import type { Ground } from '../../domain/serviceRule';
import type { PictureTile } from '../../coverage/picture';
import type { CompareCoverage, CoverageMode, CoverageResponse, CoverageTimings, GapPatchesAnswer, PictureUpdate, PopulationStatus, TargetTimeline, ViewCoverage } from '../../worker/coverageProtocol';

export interface CompareState {
  results: ReadonlyMap<string, TargetCheck>;
  view: ViewCoverage | null;
  difference: CompareCoverage['difference'];
}

/** One drawn tile of the picture: its place on the map and its image. */
export interface DrawnTile<Image> {
  tile: PictureTile;
  image: Image;
}

export interface PictureState<Image> {
  viewId: string | null;
  mode: CoverageMode | 'difference';
  ground: Ground;
  /** The tiles with something to show, by tile id. */
  tiles: ReadonlyMap<number, DrawnTile<Image>>;
}

export interface CoverageState<Image = ImageData> {
  /** Plan targets checked against the current sites, by target id. */
  results: ReadonlyMap<string, TargetCheck> | null;
  /** Count targets year by year of their plan's period, by target id (null: no site has a year). */
  timeline: ReadonlyMap<string, TargetTimeline> | null;
  view: ViewCoverage | null;
  picture: PictureState<Image> | null;
  timings: CoverageTimings | null;
  /** The compared scenario's figures while comparing, else null. */
  compare: CompareState | null;
  /** True while an edit has been sent and its answer has not come back. */
  pending: boolean;
  /** True between an answer whose picture comes apart (the first) and that picture (`applyPictureAnswer`). */
  pictureFollows: boolean;
  error: string | null;
  /**
   * The residents layer's status from the first answer that includes the newest population request
   * (null: none set, or no answer yet to it): a refused file's status carries its error, and the
   * layer held before stays in use (its source is on `view.population`).
   */
  population: PopulationStatus | null;
  /** The coverage layer's largest gaps by residents in the selection (null: not asked, or no answer yet). */
  patches: GapPatchesAnswer | null;
  /** The revision of the newest population request sent (0: none), and of the answer `population` is from. */
  populationSent: number;
  populationAnswered: number;
}

export const INITIAL_COVERAGE: CoverageState<never> = {
  results: null,
  timeline: null,
  view: null,
  picture: null,
  timings: null,
  compare: null,
  pending: true,
  pictureFollows: false,
  error: null,
  population: null,
  patches: null,
  populationSent: 0,
  populationAnswered: 0,
};

/** Makes an image from a tile's RGBA texels (ImageData in the browser). */
export type ImageMaker<Image> = (rgba: Uint8ClampedArray, width: number, height: number) => Image;

/** The picture after an update. */
export function applyPicture<Image>(
  prev: PictureState<Image> | null,
  update: PictureUpdate | null,
  layout: ReadonlyMap<number, PictureTile>,
  makeImage: ImageMaker<Image>,
): PictureState<Image> | null {
  if (!update) return prev;
  const tiles = new Map(update.full || !prev ? [] : prev.tiles);
  for (const t of update.tiles) {
    const tile = layout.get(t.id);
    if (!tile) continue; // not in the layout: a message from another grid
    if (t.rgba === null) tiles.delete(t.id);
    else tiles.set(t.id, { tile, image: makeImage(new Uint8ClampedArray(t.rgba), tile.width, tile.height) });
  }
  return { viewId: update.viewId, mode: update.mode, ground: update.ground, tiles };
}

/**
 * The state after a worker answer.
 * @param sent the newest revision the UI has sent.
 */
export function applyAnswer<Image>(
  state: CoverageState<Image>,
  answer: Exclude<CoverageResponse, { kind: 'ready' | 'patches' | 'picture' | 'gridKept' | 'computing' }>,
  sent: number,
  layout: ReadonlyMap<number, PictureTile>,
  makeImage: ImageMaker<Image>,
): CoverageState<Image> {
  if (answer.kind === 'error') return { ...state, error: answer.message, pending: answer.revision < sent };
  // An answer from before the newest population request says nothing about it.
  const population = answer.population !== undefined && answer.revision >= state.populationSent ? { population: answer.population, populationAnswered: answer.revision } : {};
  return {
    ...state,
    ...population,
    results: new Map(answer.results.map((r) => [r.targetId, r])),
    timeline: answer.timeline ? new Map(answer.timeline.map((t) => [t.targetId, t])) : null,
    view: answer.view,
    picture: applyPicture(state.picture, answer.picture, layout, makeImage),
    timings: answer.timings,
    compare: answer.compare
      ? { results: new Map(answer.compare.results.map((r) => [r.targetId, r])), view: answer.compare.view, difference: answer.compare.difference }
      : null,
    pending: answer.revision < sent,
    pictureFollows: answer.pictureFollows === true,
    error: null,
  };
}

/** The state after the picture that came apart from its answer (one of an older revision is still drawn: it is the newest picture there is). */
export function applyPictureAnswer<Image>(
  state: CoverageState<Image>,
  answer: Extract<CoverageResponse, { kind: 'picture' }>,
  layout: ReadonlyMap<number, PictureTile>,
  makeImage: ImageMaker<Image>,
): CoverageState<Image> {
  return { ...state, picture: applyPicture(state.picture, answer.picture, layout, makeImage), pictureFollows: false };
}

/** Whether what the panels show is still on its way: figures for an edit, or the picture of the figures shown. */
export function coverageSettling(state: Pick<CoverageState, 'pending' | 'pictureFollows'>): boolean {
  return state.pending || state.pictureFollows;
}

/** The state once a population request of `revision` is sent: its answer awaited. */
export function markPopulationSent<Image>(state: CoverageState<Image>, revision: number): CoverageState<Image> {
  return { ...state, pending: true, populationSent: revision };
}

/** Whether `population` is the answer to the newest population request sent. */
export function populationSettled(state: Pick<CoverageState, 'populationSent' | 'populationAnswered'>): boolean {
  return state.populationSent > 0 && state.populationAnswered >= state.populationSent;
}

/** The state once a new request is sent: pending (the same object when it already is). */
export function markSent<Image>(state: CoverageState<Image>): CoverageState<Image> {
  return state.pending ? state : { ...state, pending: true };
}
