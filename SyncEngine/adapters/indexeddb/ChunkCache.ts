import type { ChunkRows } from './ChunkRows';

/**
 * The last few decoded chunks. Reading a 500-row chunk costs ~2 ms, so `getRow` on ids that sit together (a form
 * and its subgrid, a page of a view) pays it once. Rows handed out are fresh copies (`ChunkRows.row`); the cached chunks never leave.
 */
export class ChunkCache {
  private readonly entries = new Map<string, ChunkRows>();

  constructor(private readonly capacity = 8) {}

  get(table: string, chunkId: number): ChunkRows | undefined {
    const key = cacheKey(table, chunkId);
    const rows = this.entries.get(key);
    if (rows) {
      // Re-inserting moves the entry to the end of the Map's order: the most recently used.
      this.entries.delete(key);
      this.entries.set(key, rows);
    }
    return rows;
  }

  set(table: string, chunkId: number, rows: ChunkRows): void {
    const key = cacheKey(table, chunkId);
    this.entries.delete(key);
    this.entries.set(key, rows);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(table: string, chunkId: number): void {
    this.entries.delete(cacheKey(table, chunkId));
  }

  clear(): void {
    this.entries.clear();
  }
}

function cacheKey(table: string, chunkId: number): string {
  return `${table}\u0000${chunkId}`;
}
