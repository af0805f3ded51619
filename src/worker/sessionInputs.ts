/**
 * What a coverage session is asked, apart from its grid: the sites, the compared scenario's, the
 * assumptions, the as-of year, the layer and its settings, the gap list's area and the residents
 * inputs. The coverage worker holds these before its grid is read or built, so a kept answer can be
 * looked up for them at once (src/worker/answerKey.ts); the session (src/worker/coverageSession.ts)
 * then takes them over with its grid.
 */
import type { Site } from '../domain/site';
import type { Ground } from '../domain/serviceRule';
import type { AreaSelector } from '../coverage/engine';
import type { PopulationInput } from '../domain/population';
import type { CoverageMode, SiteOps } from './coverageProtocol';
import { JsonText } from './answerKey';

export class SessionInputs {
  protected readonly sites = new Map<string, Site>();
  protected compareSites: Map<string, Site> | null = null;
  protected assumptions: Record<string, number> = {};
  protected viewId: string | null = null;
  protected mode: CoverageMode = 'gaps';
  protected ground: Ground = 'land';
  protected capacity = false;
  /** The as-of year: only the sites built by its end are measured (null: every site). */
  protected asOf: number | null = null;
  protected patchArea: AreaSelector | null = null;
  /**
   * The residents inputs asked since the layer was last set to none, shortened by the session to
   * what still counts: the one whose layer is held, the last refused after it, and those asked since,
   * not yet spread. Spreading them in order gives the layer and the status, so the answers depend on
   * this list (kept answers are keyed by it, spread or not).
   */
  protected populationAsked: PopulationInput[] = [];

  applySites(ops: SiteOps): void {
    if ('replace' in ops) {
      this.sites.clear();
      for (const site of ops.replace) this.sites.set(site.id, site);
    } else {
      for (const id of ops.remove) this.sites.delete(id);
      for (const site of ops.upsert) this.sites.set(site.id, site);
    }
  }

  /** Measure as of the end of `year` (null: every site). */
  setAsOf(year: number | null): void {
    this.asOf = year;
  }

  setAssumptions(values: Record<string, number>): void {
    this.assumptions = { ...values };
  }

  /** @param capacity also compute residents per unit (2SFCA) for the layer's sites that carry a capacity */
  setView(viewId: string | null, mode: CoverageMode, ground: Ground = 'land', capacity = false): void {
    this.capacity = capacity;
    this.viewId = viewId;
    this.mode = mode;
    this.ground = ground;
  }

  /** Compare with another scenario's sites (null ends the comparison). */
  setCompare(sites: readonly Site[] | null): void {
    this.compareSites = sites ? new Map(sites.map((s) => [s.id, s])) : null;
  }

  /** Residents for every figure from now on (null: none), spread by the session when it next computes. */
  askPopulation(input: PopulationInput | null): void {
    if (input === null) this.populationAsked = [];
    else this.populationAsked.push(input);
  }

  /** Rank the layer's unserved patches by residents in this area from now on (null: stop). */
  setPatchArea(area: AreaSelector | null): void {
    this.patchArea = area;
  }

  /**
   * Everything a session's `compute` reads besides the layers and the cell size, as plain data: the
   * answer is a function of these, the layers and the build (src/worker/answerKey.ts).
   */
  answerInputs(): unknown {
    return {
      sites: new JsonText(JSON.stringify([...this.sites.values()])),
      compare: this.compareSites ? new JsonText(JSON.stringify([...this.compareSites.values()])) : null,
      assumptions: this.assumptions,
      asOf: this.asOf,
      view: [this.viewId, this.mode, this.ground, this.capacity],
      patchArea: this.patchArea,
      population: this.populationAsked,
    };
  }

  /** How many sites are held (with the compared scenario's). */
  get siteCount(): number {
    return this.sites.size + (this.compareSites?.size ?? 0);
  }

  /** Takes over what `from` was asked, emptying it (a session on its grid, from the inputs held while the grid was read or built). */
  protected takeInputs(from: SessionInputs): void {
    for (const [id, site] of from.sites) this.sites.set(id, site);
    this.compareSites = from.compareSites;
    this.assumptions = from.assumptions;
    this.viewId = from.viewId;
    this.mode = from.mode;
    this.ground = from.ground;
    this.capacity = from.capacity;
    this.asOf = from.asOf;
    this.patchArea = from.patchArea;
    this.populationAsked = [...from.populationAsked];
    // Taken, not shared: `from` lets go of its copy (a list of 200,000 sites is not held twice).
    from.sites.clear();
    from.compareSites = null;
    from.populationAsked = [];
  }
}
