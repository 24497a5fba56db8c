// The map must answer for a million incidents in well under 200 ms, and SQL rows cannot. So the
// store keeps a compact in-memory index of what a map needs (position, type, status, dates) in typed
// arrays, filled once by streaming its incidents, patched on every analyst's edit made through this
// store and rebuilt when the count of incidents changes (other processes write too). Filters the
// index cannot answer (text, actor, place…) fall back to a capped store query.
import { INCIDENT_STATUSES, INCIDENT_TYPES, type IncidentType } from '../schema.ts';
import type { IncidentFilter, IncidentStatus, Store, StoredIncident } from './types.ts';

const STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES;
const TYPE_INDEX = new Map<string, number>(INCIDENT_TYPES.map((t, i) => [t, i]));
const NO_DAY = -2147483648;

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  type: IncidentType;
}

export interface MapCluster {
  lat: number;
  lon: number;
  n: number;
  /** set when the cell holds a single incident */
  id?: string;
  /** the most frequent type in the cell */
  type: IncidentType;
}

/** west, south, east, north */
export type Bbox = [number, number, number, number];

export interface MapClusters {
  clusters: MapCluster[];
  total: number;
  /** the filter needed a store query, and more incidents matched than it read */
  capped: boolean;
}

export function mapPosition(inc: Pick<StoredIncident, 'locations'>): { lat: number; lon: number } | null {
  for (const l of inc.locations) {
    if (l.lat != null && l.lon != null && l.role !== 'origin' && l.role !== 'destination')
      return { lat: l.lat, lon: l.lon };
  }
  return null;
}

const dayOf = (iso: string | null | undefined): number => {
  if (!iso) return NO_DAY;
  const t = Date.parse(iso.slice(0, 10));
  return Number.isNaN(t) ? NO_DAY : Math.floor(t / 86_400_000);
};

/** Filters the index answers by itself; anything else needs the store. */
export function indexable(f: IncidentFilter): boolean {
  return !f.q && !f.actor && !f.place && !f.admin1 && !f.documentId && !f.clusterId && f.restricted !== 'only';
}

export class MapIndex {
  private ids: string[] = [];
  private slot = new Map<string, number>();
  private lat = new Float32Array(0);
  private lon = new Float32Array(0);
  private type = new Uint8Array(0);
  private status = new Uint8Array(0);
  private start = new Int32Array(0);
  private end = new Int32Array(0);
  private live = new Uint8Array(0);
  private size = 0;
  private builtCount = -1;
  private building: Promise<void> | null = null;
  private checkedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly opts: { recheckMs?: number; now?: () => number } = {},
  ) {}

  get ready(): boolean {
    return this.builtCount >= 0;
  }

  /** Builds on first use; afterwards rebuilds in the background when the store's count has moved. */
  async ensure(): Promise<void> {
    const now = (this.opts.now ?? Date.now)();
    if (!this.ready) {
      try {
        await (this.building ??= this.build());
      } catch (e) {
        this.building = null; // the next request tries again
        throw e;
      }
      return;
    }
    if (this.building || now - this.checkedAt < (this.opts.recheckMs ?? 15_000)) return;
    this.checkedAt = now;
    // checked off the request's path: this answer uses the index as it is
    void this.store
      .countIncidents({})
      .then((n) => {
        if (n !== this.builtCount && !this.building) {
          this.building = this.build().catch(() => {
            this.building = null;
          });
        }
      })
      .catch(() => undefined);
  }

  private async build(): Promise<void> {
    const fresh = new MapIndex(this.store, this.opts);
    const count = await this.store.countIncidents({});
    fresh.grow(Math.max(1024, count + 1024));
    let n = 0;
    for await (const inc of this.store.streamIncidents({})) {
      fresh.upsert(inc);
      // better-sqlite3 answers synchronously, so the stream never yields to I/O by itself: without
      // this the server stopped answering for the whole build (40 s at a million incidents)
      if (++n % 2000 === 0) await new Promise((r) => setImmediate(r));
    }
    Object.assign(this, {
      ids: fresh.ids,
      slot: fresh.slot,
      lat: fresh.lat,
      lon: fresh.lon,
      type: fresh.type,
      status: fresh.status,
      start: fresh.start,
      end: fresh.end,
      live: fresh.live,
      size: fresh.size,
      builtCount: count,
      building: null,
      checkedAt: (this.opts.now ?? Date.now)(),
    });
  }

  private grow(min: number): void {
    if (this.lat.length >= min) return;
    const cap = Math.max(min, this.lat.length * 2);
    const copy = <T extends Float32Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.lat = copy(this.lat, (n) => new Float32Array(n));
    this.lon = copy(this.lon, (n) => new Float32Array(n));
    this.type = copy(this.type, (n) => new Uint8Array(n));
    this.status = copy(this.status, (n) => new Uint8Array(n));
    this.start = copy(this.start, (n) => new Int32Array(n));
    this.end = copy(this.end, (n) => new Int32Array(n));
    this.live = copy(this.live, (n) => new Uint8Array(n));
  }

  upsert(inc: StoredIncident): void {
    let i = this.slot.get(inc.id);
    if (i === undefined) {
      i = this.size++;
      this.grow(this.size);
      this.slot.set(inc.id, i);
      this.ids[i] = inc.id;
    }
    const pos = mapPosition(inc);
    this.live[i] = pos ? 1 : 0;
    this.lat[i] = pos?.lat ?? 0;
    this.lon[i] = pos?.lon ?? 0;
    this.type[i] = TYPE_INDEX.get(inc.type) ?? 0;
    this.status[i] = Math.max(0, STATUSES.indexOf(inc.status));
    this.start[i] = dayOf(inc.time?.start);
    this.end[i] = dayOf(inc.time?.end ?? inc.time?.start);
  }

  /** Grid clustering of the matching incidents inside bbox; cells of `cellDeg` degrees. */
  cluster(
    f: IncidentFilter,
    bbox: [number, number, number, number],
    cellDeg: number,
    /** incidents left out (restricted ones, for a viewer), read from the store for each answer */
    without: Iterable<string> = [],
  ): { clusters: MapCluster[]; total: number } {
    let out: Uint8Array | null = null;
    for (const id of without) {
      const i = this.slot.get(id);
      if (i === undefined) continue;
      out ??= new Uint8Array(this.size);
      out[i] = 1;
    }
    // byte masks instead of Sets: this loop runs a million times per request
    const typeOk = new Uint8Array(INCIDENT_TYPES.length).fill(f.type ? 0 : 1);
    for (const t of f.type ?? []) typeOk[TYPE_INDEX.get(t) ?? 0] = 1;
    const statusOk = new Uint8Array(STATUSES.length).fill(f.status ? 0 : 1);
    for (const st of f.status ?? []) if (STATUSES.includes(st)) statusOk[STATUSES.indexOf(st)] = 1;
    const from = f.from ? dayOf(f.from) : null;
    const to = f.to ? dayOf(f.to) : null;
    const [w, s, e, n] = bbox;
    const acc = new CellAccumulator(cellDeg, bbox);
    const { lat, lon, type, status, start, end, live } = this;
    // every column holds at least `size` entries, so the reads below are defined
    for (let i = 0; i < this.size; i++) {
      if (!live[i] || (out !== null && out[i])) continue;
      const y = lat[i]!;
      const x = lon[i]!;
      if (x < w || x > e || y < s || y > n) continue;
      const t = type[i]!;
      if (!typeOk[t] || !statusOk[status[i]!]) continue;
      const last = end[i]!;
      const first = start[i]!;
      if (from !== null && (last === NO_DAY || last < from)) continue;
      if (to !== null && (first === NO_DAY || first > to)) continue;
      acc.add(y, x, t, i);
    }
    return acc.result((i) => this.ids[i]!);
  }
}

const MAX_DENSE_CELLS = 100_000;

/**
 * Sums per grid cell. The grid is aligned on the whole globe (so clusters do not jump while
 * panning) but only the cells inside the bbox are allocated, as flat typed arrays.
 */
export class CellAccumulator {
  private readonly x0: number;
  private readonly y0: number;
  private readonly nx: number;
  private readonly ny: number;
  private readonly sy: Float64Array;
  private readonly sx: Float64Array;
  private readonly n: Uint32Array;
  private readonly first: Int32Array;
  private readonly types: Uint32Array;
  private readonly used: number[] = [];
  total = 0;

  private readonly cellDeg: number;

  constructor(cellDeg: number, bbox: [number, number, number, number]) {
    const [w, s, e, n] = bbox;
    const span = (deg: number) =>
      (Math.floor((e + 180) / deg) - Math.floor((w + 180) / deg) + 1) *
      (Math.floor((n + 90) / deg) - Math.floor((s + 90) / deg) + 1);
    // a world-wide box at a deep zoom: coarsen rather than allocate millions of cells
    while (span(cellDeg) > MAX_DENSE_CELLS) cellDeg *= 2;
    this.cellDeg = cellDeg;
    this.x0 = Math.floor((w + 180) / cellDeg);
    this.y0 = Math.floor((s + 90) / cellDeg);
    this.nx = Math.floor((e + 180) / cellDeg) - this.x0 + 1;
    this.ny = Math.floor((n + 90) / cellDeg) - this.y0 + 1;
    const cells = this.nx * this.ny;
    this.sy = new Float64Array(cells);
    this.sx = new Float64Array(cells);
    this.n = new Uint32Array(cells);
    this.first = new Int32Array(cells);
    this.types = new Uint32Array(cells * INCIDENT_TYPES.length);
  }

  add(lat: number, lon: number, typeIdx: number, ref: number): void {
    const cx = Math.floor((lon + 180) / this.cellDeg) - this.x0;
    const cy = Math.floor((lat + 90) / this.cellDeg) - this.y0;
    if (cx < 0 || cy < 0 || cx >= this.nx || cy >= this.ny) return;
    const c = cy * this.nx + cx;
    if (this.n[c] === 0) {
      this.first[c] = ref;
      this.used.push(c);
    }
    // c lies inside the grid (checked above) and typeIdx indexes INCIDENT_TYPES
    this.sy[c]! += lat;
    this.sx[c]! += lon;
    this.n[c]!++;
    this.types[c * INCIDENT_TYPES.length + typeIdx]!++;
    this.total++;
  }

  result(idOf: (ref: number) => string): { clusters: MapCluster[]; total: number } {
    const T = INCIDENT_TYPES.length;
    const clusters: MapCluster[] = [];
    // `used` lists cells of the grid, and each row of `types` has T entries
    for (const c of this.used) {
      let best = 0;
      for (let t = 1; t < T; t++) if (this.types[c * T + t]! > this.types[c * T + best]!) best = t;
      const n = this.n[c]!;
      const cl: MapCluster = {
        lat: Math.round((this.sy[c]! / n) * 1e5) / 1e5,
        lon: Math.round((this.sx[c]! / n) * 1e5) / 1e5,
        n,
        type: INCIDENT_TYPES[best]!,
      };
      if (n === 1) cl.id = idOf(this.first[c]!);
      clusters.push(cl);
    }
    return { clusters, total: this.total };
  }
}

/** About 60 screen pixels per cell at a Web Mercator zoom level (256-pixel tiles). */
export function cellDegrees(zoom: number): number {
  return (360 / 2 ** zoom) * (60 / 256);
}

export async function clusterFromStore(
  store: Store,
  f: IncidentFilter,
  bbox: [number, number, number, number],
  cellDeg: number,
  cap: number,
): Promise<{ clusters: MapCluster[]; total: number; capped: boolean }> {
  const page = await store.listIncidents({ ...f, bbox }, { limit: cap, offset: 0 });
  const acc = new CellAccumulator(cellDeg, bbox);
  page.items.forEach((inc, i) => {
    const pos = mapPosition(inc);
    if (pos) acc.add(pos.lat, pos.lon, TYPE_INDEX.get(inc.type) ?? 0, i);
  });
  // refs are indexes into page.items
  const r = acc.result((i) => page.items[i]!.id);
  return { ...r, capped: page.total > page.items.length };
}
