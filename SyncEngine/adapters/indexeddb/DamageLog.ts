import type { StoreDamage } from '../../contracts/RecordStore';

/**
 * Records of the database found unreadable (a row's truncated text, a directory or override of the wrong shape, a
 * chunk the directory names that is gone), per table, until the engine takes them (`RecordStore.takeDamage`). Each
 * record is counted once however often it is read; the reads skip it, so one bad record never fails a table.
 */
export class DamageLog {
  private readonly found = new Map<string, { keys: Set<string>; detail: string }>();

  note(table: string, key: string, detail: string): void {
    let entry = this.found.get(table);
    if (!entry) this.found.set(table, (entry = { keys: new Set(), detail }));
    entry.keys.add(key);
  }

  take(): StoreDamage[] {
    const taken = [...this.found].map(([table, { keys, detail }]) => ({ table, records: keys.size, detail }));
    this.found.clear();
    return taken;
  }
}
