import { OfflineProfileError, type ProfileProblemCode } from '../../contracts/errors';
import type { OfflineProfile } from '../../contracts/profile';

/** What was last read from Dataverse for one organisation and user. */
export interface CachedProfile {
  /** Absent when Dataverse had no profile for the user (the built-in one was used). */
  profile?: OfflineProfile;
  problems: OfflineProfileError[];
  conflictDetection: boolean;
  savedAt: number;
}

interface StoredProblem {
  problem: ProfileProblemCode;
  message: string;
  table?: string;
  askMaker: string;
}

const PREFIX = 'OfflineSyncSuite.profile/1:';

/**
 * The last offline profile read from Dataverse, so an app opened without a connection starts with the profile it
 * had. Kept in `localStorage`, keyed by organisation and user: it is configuration (table names, filters,
 * columns), never row data, and it must be readable before the engine can open its database, whose layout
 * depends on the profile. Storage that is missing, full or refused is no failure: there is simply no cache.
 */
export class ProfileCache {
  private readonly key: string;

  constructor(orgId: string, userId: string, private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = browserStorage()) {
    this.key = `${PREFIX}${orgId}:${userId}`;
  }

  load(): CachedProfile | undefined {
    try {
      const text = this.storage?.getItem(this.key);
      if (!text) return undefined;
      const saved = JSON.parse(text) as Omit<CachedProfile, 'problems'> & { problems?: StoredProblem[] };
      const problems = (saved.problems ?? []).map((p) => new OfflineProfileError(p.problem, p.message, { table: p.table, askMaker: p.askMaker }));
      return { ...saved, problems };
    } catch {
      return undefined;
    }
  }

  save(entry: CachedProfile): void {
    const problems: StoredProblem[] = entry.problems.map((p) => ({ problem: p.problem, message: p.message, table: p.table, askMaker: p.askMaker }));
    try {
      this.storage?.setItem(this.key, JSON.stringify({ ...entry, problems }));
    } catch {
      // Full or refused: the next start without a connection uses the built-in profile.
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing to clear.
    }
  }
}

function browserStorage(): Storage | undefined {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage;
  } catch {
    // Some hosts throw on touching localStorage (sandboxed frames).
    return undefined;
  }
}
