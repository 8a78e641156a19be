/**
 * Storm's RotatingMap (storm-client/.../utils/RotatingMap.java), specialised to root ids: entries are
 * put into the newest of `buckets` generations, and `rotate()` expires the oldest generation. Rotated
 * every P, an entry expires between (buckets − 1)·P and buckets·P after it was put: the spout's 2
 * buckets, rotated every message timeout T, expire a tuple between T and 2T; the acker's 3, between 2T
 * and 3T [ST-RM].
 *
 * Representation (not Storm's list of HashMaps): root ids are positive integers handed out in
 * sequence, so entries are addressed directly by id in pages of 4096, each entry stamped with the
 * rotation it was put in. A lookup is an array index, rotate() expires exactly the entries Storm's
 * would, and an entry's fields live in typed columns of its page, so tracking a tuple allocates nothing:
 * a page that empties goes back to a pool for the ids to come (the acker and spouts hold one entry per
 * pending tree, hundreds of thousands when windows hold their trees).
 */

const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const EMPTY = -1;

/** Where an entry's fields are in its page: `page.floats[c][offsetOf(root)]`. */
export const offsetOf = (root: number): number => root & (PAGE_SIZE - 1);

/** The columns of each entry: counts of int32, float64 and reference fields. */
export interface Columns {
  readonly ints: number;
  readonly floats: number;
  readonly refs: number;
}

/** 4096 consecutive root ids: each one's generation (EMPTY when absent) and fields. */
export class Page {
  readonly gen = new Int32Array(PAGE_SIZE).fill(EMPTY);
  readonly ints: Int32Array[];
  readonly floats: Float64Array[];
  readonly refs: unknown[][];
  live = 0;

  constructor(columns: Columns) {
    this.ints = Array.from({ length: columns.ints }, () => new Int32Array(PAGE_SIZE));
    this.floats = Array.from({ length: columns.floats }, () => new Float64Array(PAGE_SIZE));
    this.refs = Array.from({ length: columns.refs }, () => new Array(PAGE_SIZE).fill(undefined));
  }
}

/** Root id → entry fields, in generations that rotate() expires (see the module comment). */
export class RotatingMap {
  /** Pages by root id >> 12. */
  private readonly pages: (Page | undefined)[] = [];
  private readonly pool: Page[] = [];
  private generation = 0;
  size = 0;

  constructor(
    private readonly buckets: number,
    private readonly columns: Columns,
  ) {
    if (buckets < 2) throw new RangeError('a RotatingMap needs at least 2 buckets');
  }

  /** The page holding `root`, or null when it is absent. */
  find(root: number): Page | null {
    const page = this.pages[root >>> PAGE_BITS];
    return page !== undefined && page.gen[root & (PAGE_SIZE - 1)] !== EMPTY ? page : null;
  }

  /** Puts `root` (absent) into the newest generation; returns its page, int fields zeroed (set the rest). */
  insert(root: number): Page {
    if (!(root > 0 && root <= 0xffffffff)) throw new RangeError(`root ids are 32-bit positive, got ${root}`);
    const index = root >>> PAGE_BITS;
    let page = this.pages[index];
    if (page === undefined) {
      page = this.pool.pop() ?? new Page(this.columns);
      this.pages[index] = page;
    }
    const o = root & (PAGE_SIZE - 1);
    if (page.gen[o] !== EMPTY) throw new RangeError(`root ${root} is already present`);
    page.gen[o] = this.generation;
    for (const c of page.ints) c[o] = 0;
    page.live++;
    this.size++;
    return page;
  }

  /** Removes `root` from its page (read its fields first). */
  remove(root: number, page: Page): void {
    const o = root & (PAGE_SIZE - 1);
    page.gen[o] = EMPTY;
    for (const c of page.refs) c[o] = undefined;
    this.size--;
    if (--page.live === 0) {
      this.pages[root >>> PAGE_BITS] = undefined;
      this.pool.push(page);
    }
  }

  /** Drops the oldest generation: `expire` sees each of its entries (to read their fields) first. */
  rotate(expire: (page: Page, offset: number) => void): void {
    this.generation++;
    const oldest = this.generation - this.buckets;
    this.pages.forEach((page, index) => {
      if (page === undefined) return;
      for (let o = 0; o < PAGE_SIZE; o++) {
        const g = page.gen[o];
        if (g === EMPTY || g > oldest) continue;
        expire(page, o);
        this.remove(index * PAGE_SIZE + o, page);
      }
    });
  }
}
