import { ServiceUnavailableError } from '../contracts/errors';
import type { SyncEngineApi } from '../contracts/SyncEngineApi';

/** One engine as the page object knows it, told by `getSyncEngine` of whichever bundle created it. */
export interface PageEngine {
  engine: SyncEngineApi;
  /** The user whose offline database the engine holds, as the control's context gave it. */
  userId: string;
  /** Settles when the engine has opened its offline database; rejects with the reason when it could not. */
  started: Promise<void>;
  /** False once the engine is gone from the page's registry (`disposeAllEngines`). */
  live(): boolean;
}

/**
 * The engines behind `window.OfflineSyncSuite.offline`, and which one answers a call. Only engines of the current
 * user ever answer: each user's offline database is theirs alone, so a script must not read another user's rows
 * because a stray engine of theirs is still on the page.
 */
export class PageEngines {
  private engines: PageEngine[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(private readonly currentUserId: () => string | undefined = xrmUserId) {}

  add(entry: PageEngine): void {
    this.engines.push(entry);
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /**
   * The live engines of the current user, oldest first. The current user is Xrm's signed-in user where the page
   * has Xrm; without Xrm (the harness, tests) it is the user of the oldest live engine.
   */
  mine(): PageEngine[] {
    this.engines = this.engines.filter((e) => e.live());
    const user = this.currentUserId() ?? this.engines.at(0)?.userId;
    return user === undefined ? [] : this.engines.filter((e) => normaliseUserId(e.userId) === normaliseUserId(user));
  }

  /** The oldest engine of the current user whose profile has `table`, else its oldest (which rejects the table). */
  pick(table?: string): PageEngine | undefined {
    const mine = this.mine();
    const holder = table === undefined ? undefined : mine.find((e) => e.engine.offline.isAvailableOffline(table));
    return holder ?? mine[0];
  }

  /**
   * The engine for `table` once it has opened its database, waiting for one to be created when there is none
   * (a form script that runs before the controls start). Rejects after `timeoutMs` rather than hang a script.
   */
  async ready(table: string | undefined, timeoutMs: number): Promise<SyncEngineApi> {
    const deadline = Date.now() + timeoutMs;
    let entry = this.pick(table);
    while (!entry) {
      await this.nextEngine(deadline);
      entry = this.pick(table);
    }
    await beforeDeadline(entry.started, deadline);
    return entry.engine;
  }

  private nextEngine(deadline: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(notReady());
      }, Math.max(0, deadline - Date.now()));
      this.waiters.add(wake);
    });
  }
}

/** Transient on purpose: a control on a tab that is not shown yet may still start and create the engine. */
function notReady(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'The offline database is not ready: no Offline Sync Suite control has started on this page for the signed-in user. ' +
      'Add one of the controls to the form or page, or call again later.',
  );
}

/** An engine still opening its database when the time is up fails the call too: a hanging WhoAmI must not hang it. */
function beforeDeadline(started: Promise<void>, deadline: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(notReady());
    }, Math.max(0, deadline - Date.now()));
  });
  return Promise.race([started, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** The signed-in user of a model-driven app (`Xrm.Utility.getGlobalContext()`), feature-detected. */
function xrmUserId(): string | undefined {
  const xrm = (globalThis as { Xrm?: { Utility?: { getGlobalContext?: () => { userSettings?: { userId?: string } } } } }).Xrm;
  try {
    return xrm?.Utility?.getGlobalContext?.().userSettings?.userId;
  } catch {
    // An Xrm stand-in without a global context: fall back to the engines' own user.
    return undefined;
  }
}

/** Xrm writes `{ABC…}`, PCF contexts sometimes `abc…`: compare GUIDs without braces or case. */
function normaliseUserId(id: string): string {
  return id.replace(/[{}]/g, '').toLowerCase();
}
