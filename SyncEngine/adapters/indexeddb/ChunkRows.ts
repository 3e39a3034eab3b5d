import type { Row } from '../../contracts/rows';
import type { ChunkRecord } from './dbSchema';

/**
 * A chunk's rows as read from the database. Chunks written since 0.2 hold each row as its JSON text: IndexedDB
 * copies a string without walking it, so a read by id pays for the bytes and parses one row, where a chunk of
 * row objects was rebuilt whole (measured in `npm run bench`'s probe). Chunks written by 0.1.0 hold row objects
 * and are read as they are.
 */
export class ChunkRows {
  private constructor(
    private readonly text: readonly unknown[] | undefined,
    private readonly objects: readonly unknown[] | undefined,
    private readonly damaged: (slot: number, detail: string) => void,
  ) {}

  /**
   * The rows of `record`; `damaged` hears of each slot that cannot be read (the whole chunk, when the record is gone
   * or of no known shape), which then reads as empty.
   */
  static of(record: ChunkRecord | undefined, damaged: (slot: number, detail: string) => void = () => undefined): ChunkRows {
    const text = Array.isArray(record?.text) ? record.text : undefined;
    const objects = text === undefined && Array.isArray(record?.rows) ? record.rows : undefined;
    if (!text && !objects) damaged(-1, record ? 'a chunk of rows of an unknown shape' : 'a chunk of rows named by the directory is missing');
    return new ChunkRows(text, objects, damaged);
  }

  /** The row in `slot` as a fresh object the caller owns (the cached chunk never leaves), `undefined` if none. */
  row(slot: number): Row | undefined {
    if (this.text) return this.parse(slot);
    const row = this.objects?.[slot];
    if (row === undefined) return undefined;
    if (isRow(row)) return structuredClone(row);
    this.damaged(slot, 'a row that is not an object');
    return undefined;
  }

  private parse(slot: number): Row | undefined {
    const text = this.text?.[slot];
    if (text === undefined) return undefined;
    try {
      const row: unknown = typeof text === 'string' ? JSON.parse(text) : undefined;
      if (isRow(row)) return row;
    } catch {
      // reported below
    }
    this.damaged(slot, typeof text === 'string' ? 'a row whose saved text is cut short or garbled' : 'a row that is not text');
    return undefined;
  }
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
