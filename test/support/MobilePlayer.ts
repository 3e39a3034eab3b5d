import type { RunningEmulator } from '../dataverse-emulator';
import { readAll } from '../dataverse-emulator/testing';
import { FakeXrmOffline } from './FakeXrmOffline';

/** One table of the player's offline profile: where it lives on the server. */
export interface PlayerTable {
  logicalName: string;
  entitySet: string;
  primaryId: string;
}

/**
 * The Power Apps mobile player as far as the suite meets it: an offline database (`Xrm.WebApi.offline`) and the
 * player's own sync, which uploads the writes queued in that database to the server in order and then downloads
 * the tables again. Talks real HTTP to the emulator.
 */
export class MobilePlayer {
  readonly offline: FakeXrmOffline;
  /** Requests the player itself sent (method + path), to tell them apart from the engine's. */
  readonly requests: string[] = [];

  constructor(private readonly emulator: RunningEmulator, private readonly tables: readonly PlayerTable[]) {
    this.offline = new FakeXrmOffline(Object.fromEntries(tables.map((t) => [t.logicalName, t.primaryId])));
  }

  /** The player's sync: queued writes go up, oldest first; then every table comes down whole. */
  async sync(): Promise<void> {
    while (this.offline.queue.length > 0) {
      const write = this.offline.queue[0];
      const table = this.table(write.table);
      const path = write.op === 'create' ? table.entitySet : `${table.entitySet}(${write.id})`;
      const method = write.op === 'create' ? 'POST' : write.op === 'update' ? 'PATCH' : 'DELETE';
      const body = write.op === 'delete' ? undefined : JSON.stringify(write.op === 'create' ? { ...write.data, [table.primaryId]: write.id } : write.data);
      const response = await this.send(method, path, body);
      if (!response.ok) throw new Error(`The player's upload of ${method} ${path} answered ${String(response.status)}: ${await response.text()}`);
      this.offline.queue.shift();
    }
    await this.download();
  }

  /** Every table down, replacing the player's copies (its queue is empty or keeps its rows). */
  async download(): Promise<void> {
    for (const table of this.tables) {
      const { rows } = await readAll(this.emulator, table.entitySet, { Accept: 'application/json' });
      const held = new Set(rows.map((r) => String(r[table.primaryId])));
      const gone = [...(this.offline.rows.get(table.logicalName)?.keys() ?? [])].filter((id) => !held.has(id));
      this.offline.download(table.logicalName, { rows, deletedIds: gone });
    }
  }

  private async send(method: string, path: string, body: string | undefined): Promise<Response> {
    this.requests.push(`${method} ${path}`);
    return fetch(`${this.emulator.baseUrl}${path}`, {
      method,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'OData-Version': '4.0' },
      body,
    });
  }

  private table(logicalName: string): PlayerTable {
    const table = this.tables.find((t) => t.logicalName === logicalName);
    if (!table) throw new Error(`${logicalName} is not in the player's offline profile.`);
    return table;
  }
}
