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
    private readonly text: readonly string[] | undefined,
    private readonly objects: readonly Row[] | undefined,
  ) {}

  static of(record: ChunkRecord | undefined): ChunkRows {
    return new ChunkRows(record?.text, record?.text ? undefined : record?.rows);
  }

  /** The row in `slot` as a fresh object the caller owns (the cached chunk never leaves), `undefined` if none. */
  row(slot: number): Row | undefined {
    const text = this.text?.[slot];
    if (text !== undefined) return JSON.parse(text) as Row;
    const row = this.objects?.[slot];
    return row === undefined ? undefined : structuredClone(row);
  }
}
