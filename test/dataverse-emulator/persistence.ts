import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { SeedData } from './seed';
import { EmulatorStore } from './store';

interface SavedTable {
  rows: [id: string, version: number, data: Record<string, unknown>][];
  log: [version: number, id: string, deleted: 0 | 1][];
  files: [key: string, fileName: string, contentType: string, base64: string][];
}

interface SavedStore {
  format: number;
  version: number;
  tokenGeneration: number;
  tables: Record<string, SavedTable>;
}

function serialize(store: EmulatorStore): string {
  const tables: Record<string, SavedTable> = {};
  for (const [set, state] of store.tables) {
    tables[set] = {
      rows: [...state.rows.values()].map((row) => [row.id, row.version, row.data]),
      log: state.log.map((entry) => [entry.version, entry.id, entry.deleted ? 1 : 0]),
      files: [...state.files].map(([key, file]) => [key, file.fileName, file.contentType, file.content.toString('base64')]),
    };
  }
  const saved: SavedStore = { format: 1, version: store.version, tokenGeneration: store.tokenGeneration, tables };
  return JSON.stringify(saved);
}

/** The store saved in `file`, or undefined when there is none yet. A corrupt file fails loudly rather than being overwritten. */
export function loadStore(file: string, configuration?: SeedData): EmulatorStore | undefined {
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedStore;
  if (saved.format !== 1) throw new Error(`${file} is not an emulator data file.`);
  // Files saved before the profile tables existed lack them: those start from the seeded configuration.
  const store = new EmulatorStore(undefined, configuration);
  store.version = saved.version;
  store.tokenGeneration = saved.tokenGeneration;
  for (const [set, table] of Object.entries(saved.tables)) {
    const state = store.state(set);
    if (!state) continue;
    state.rows.clear();
    for (const [id, version, data] of table.rows) state.rows.set(id, { id, version, data });
    state.log = table.log.map(([version, id, deleted]) => ({ version, id, deleted: deleted === 1 }));
    for (const [key, fileName, contentType, base64] of table.files) {
      state.files.set(key, { fileName, contentType, content: Buffer.from(base64, 'base64') });
    }
  }
  return store;
}

/** Writes the store after changes settle (debounced) and on demand; the temp-file rename keeps a crash from truncating it. */
export class StoreSaver {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly current: () => EmulatorStore,
    private readonly delayMs = 300,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const text = serialize(this.current());
    const temporary = `${this.file}.tmp`;
    this.writing = this.writing.then(async () => {
      await writeFile(temporary, text);
      await rename(temporary, this.file);
    });
    return this.writing;
  }
}
