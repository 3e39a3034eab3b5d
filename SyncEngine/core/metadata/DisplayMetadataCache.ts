import { DISPLAY_METADATA_KEY, type DisplayMetadata } from '../../contracts/displayMetadata';
import type { HostEnvironment, Identity } from '../../contracts/HostEnvironment';
import type { OfflineProfile } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';
import type { RemoteSource } from '../../contracts/RemoteSource';

export interface DisplayMetadataDeps {
  store: RecordStore;
  remote: RemoteSource;
  host: HostEnvironment;
  profile: OfflineProfile;
  identity: Identity;
  /** The metadata in use changed (loaded, fetched): the status shows the new names. */
  onChange(): void;
}

/** What the metadata was read for: the tables and their columns. Another profile reads it again. */
export function profileKey(profile: OfflineProfile): string {
  return profile.tables.map((t) => `${t.logicalName}:${[...t.columns].sort().join(',')}`).sort().join('|');
}

/**
 * The display metadata in use, kept in the offline database (a value key, so no store layout changes). It is read
 * from the server once per profile and UI language: each session asks the user's language once, after its first
 * good pass, and reads the metadata again only when that or the profile differs from what is kept. Metadata is a
 * nicety: a source without it, or a failure to read it, leaves logical names and never fails a pass; a session
 * whose check failed tries again after its next pass.
 */
export class DisplayMetadataCache {
  private current: DisplayMetadata | undefined;
  private checked = false;
  private readonly key: string;

  constructor(private readonly deps: DisplayMetadataDeps) {
    this.key = profileKey(deps.profile);
  }

  get value(): DisplayMetadata | undefined {
    return this.current;
  }

  /** What the database holds, when it was read for this profile (at start, and when another tab changed it). */
  async load(): Promise<void> {
    const saved = await this.deps.store.getValue<DisplayMetadata>(DISPLAY_METADATA_KEY).catch(() => undefined);
    const usable = saved?.profileKey === this.key ? saved : undefined;
    if (usable?.fetchedAt === this.current?.fetchedAt) return;
    this.current = usable;
    this.deps.onChange();
  }

  /** A reset emptied the database: the names go with it, and the next good pass reads them again. */
  forget(): void {
    this.checked = false;
    if (this.current === undefined) return;
    this.current = undefined;
    this.deps.onChange();
  }

  /** Once per session: reads the metadata again when the language or profile changed. Never throws. */
  async refresh(signal?: AbortSignal): Promise<void> {
    const { remote, identity } = this.deps;
    if (this.checked || !remote.userLanguage || !remote.fetchDisplayMetadata || identity.userId === '') return;
    try {
      const language = await remote.userLanguage(identity.userId, signal);
      if (this.current?.language !== language) {
        const tables = await remote.fetchDisplayMetadata(this.deps.profile.tables, language, signal);
        const next: DisplayMetadata = { language, profileKey: this.key, fetchedAt: this.deps.host.now(), tables };
        await this.deps.store.setValue(DISPLAY_METADATA_KEY, next);
        this.current = next;
        this.deps.onChange();
      }
      this.checked = true;
    } catch {
      // Names stay as they are (cached or logical); the next pass tries again.
    }
  }
}
