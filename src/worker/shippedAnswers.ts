/**
 * Answers shipped with the build for the start every first visit makes (scripts/ship-answers.ts,
 * run by `vite build`): the coverage worker looks one up when none is kept in this browser, under
 * the same key (src/worker/answerKey.ts) — a hash of the build and of every input the worker holds —
 * so a shipped answer is used only for exactly the inputs it was computed from.
 *
 * The index (`answers/index.json`, a few hundred bytes) is asked for once a worker, as it starts, and
 * its page's answer at its cell size as soon as the index is read (one file, 30–140 kB): the
 * start's look-up, once its key is hashed, then finds its answer in hand instead of asking for it.
 * Only a listed key's file is ever used. A folder without an index (the dev server, a deployment
 * that dropped it), an index of another build or an unreadable file: nothing is shipped, the worker
 * computes as before.
 */
import { z } from 'zod';

export const SHIPPED_ANSWERS_DIR = 'answers';
export const SHIPPED_ANSWERS_INDEX = 'index.json';

const indexSchema = z.object({
  build: z.string(),
  answers: z.array(z.object({ key: z.string().regex(/^[0-9a-f]{64}$/), page: z.enum(['app', 'embed']), cellM: z.number(), file: z.string().regex(/^[0-9a-f]{64}\.json$/) })),
});
export type ShippedIndex = z.infer<typeof indexSchema>;

/**
 * The shipped answers of one build, read from the folder at `base` (the app's root, as a URL).
 * `fetcher` is the worker's fetch; a failure of any kind reads as "none shipped".
 */
export class ShippedAnswers {
  private index: Promise<Map<string, { file: string; cellM: number; page: 'app' | 'embed' }>> | null = null;
  /** Answer files asked for, by file name. */
  private readonly bodies = new Map<string, Promise<unknown>>();

  constructor(
    private readonly base: URL,
    private readonly buildId: string,
    private readonly fetcher: (url: string) => Promise<Response> = (url) => fetch(url),
  ) {}

  /**
   * Starts reading the index (at the worker's start, so a look-up finds it read) and, given the
   * worker's cell size and page, the answers listed for them.
   */
  prefetch(cellM?: number, page: 'app' | 'embed' = 'app'): void {
    this.index ??= this.readIndex();
    if (cellM === undefined) return;
    void this.index.then((index) => {
      for (const a of index.values()) if (a.cellM === cellM && a.page === page) this.body(a.file);
    });
  }

  /** Whether an answer is shipped for a start at `cellM` (the look-up is then worth waiting for). */
  async hasAnswerAt(cellM: number): Promise<boolean> {
    this.prefetch();
    return [...(await this.index!).values()].some((a) => a.cellM === cellM);
  }

  /** The answer shipped under `key`, or null. */
  async answer<T>(key: string): Promise<T | null> {
    this.prefetch();
    const file = (await this.index!).get(key)?.file;
    return file ? ((await this.body(file)) as T | null) : null;
  }

  /** One answer file read (asked for once), or null. */
  private body(file: string): Promise<unknown> {
    let read = this.bodies.get(file);
    if (!read) {
      read = (async () => {
        try {
          const response = await this.fetcher(new URL(`${SHIPPED_ANSWERS_DIR}/${file}`, this.base).href);
          return response.ok ? await response.json() : null;
        } catch {
          return null;
        }
      })();
      this.bodies.set(file, read);
    }
    return read;
  }

  private async readIndex(): Promise<Map<string, { file: string; cellM: number; page: 'app' | 'embed' }>> {
    try {
      const response = await this.fetcher(new URL(`${SHIPPED_ANSWERS_DIR}/${SHIPPED_ANSWERS_INDEX}`, this.base).href);
      if (!response.ok) return new Map();
      const index = indexSchema.safeParse(await response.json());
      // Another build's index (a stale folder): its keys name another build, so none would match anyway.
      if (!index.success || index.data.build !== this.buildId) return new Map();
      return new Map(index.data.answers.map((a) => [a.key, { file: a.file, cellM: a.cellM, page: a.page }]));
    } catch {
      return new Map();
    }
  }
}
