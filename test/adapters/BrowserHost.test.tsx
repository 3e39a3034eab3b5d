import { BrowserHost } from '../../SyncEngine/adapters/browser/BrowserHost';

/** jsdom has no Network Information API; tests add one, typed loosely like the real one. */
class FakeConnection extends EventTarget {
  constructor(public type?: string) {
    super();
  }
}

function setOnline(value: boolean): void {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => value });
}

function setConnection(connection: FakeConnection | undefined): void {
  Object.defineProperty(window.navigator, 'connection', { configurable: true, value: connection });
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
}

function setStorage(storage: unknown): void {
  Object.defineProperty(window.navigator, 'storage', { configurable: true, value: storage });
}

describe('BrowserHost', () => {
  beforeEach(() => {
    setOnline(true);
    setConnection(undefined);
    setVisibility('visible');
    setStorage(undefined);
  });

  it('follows navigator.onLine when the PCF client cannot tell', () => {
    const host = new BrowserHost();
    expect(host.isNetworkAvailable()).toBe(true);
    setOnline(false);
    expect(host.isNetworkAvailable()).toBe(false);
    expect(new BrowserHost({}).isNetworkAvailable()).toBe(false);
  });

  it('is offline when either the PCF client or navigator.onLine says so', () => {
    setOnline(true);
    expect(new BrowserHost({ isNetworkAvailable: () => false }).isNetworkAvailable()).toBe(false);
    expect(new BrowserHost({ isNetworkAvailable: () => true }).isNetworkAvailable()).toBe(true);
    // The harness's client always answers true; the browser knows the link dropped.
    setOnline(false);
    expect(new BrowserHost({ isNetworkAvailable: () => true }).isNetworkAvailable()).toBe(false);
  });

  it('falls back to navigator.onLine when the client throws', () => {
    const host = new BrowserHost({
      isNetworkAvailable: () => {
        throw new Error('not in a model-driven app');
      },
    });
    expect(host.isNetworkAvailable()).toBe(true);
  });

  it('answers unknown without the Network Information API, never a guess', () => {
    expect(new BrowserHost().connectionType()).toBe('unknown');
    setConnection(new FakeConnection(undefined));
    expect(new BrowserHost().connectionType()).toBe('unknown');
  });

  it.each([
    ['wifi', 'wifi'],
    ['cellular', 'cellular'],
    ['ethernet', 'ethernet'],
    ['wimax', 'other'],
    ['bluetooth', 'other'],
    ['none', 'none'],
    ['unknown', 'unknown'],
  ])('maps connection type %s to %s', (type, expected) => {
    setConnection(new FakeConnection(type));
    expect(new BrowserHost().connectionType()).toBe(expected);
  });

  it('answers none while offline', () => {
    setConnection(new FakeConnection('wifi'));
    setOnline(false);
    expect(new BrowserHost().connectionType()).toBe('none');
  });

  it('is active while the page is visible', () => {
    const host = new BrowserHost();
    expect(host.isAppActive()).toBe(true);
    setVisibility('hidden');
    expect(host.isAppActive()).toBe(false);
  });

  it('notifies on online, offline, visibility and connection changes until unsubscribed', () => {
    const connection = new FakeConnection('wifi');
    setConnection(connection);
    const host = new BrowserHost();
    const listener = jest.fn();
    const unsubscribe = host.subscribe(listener);

    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    connection.dispatchEvent(new Event('change'));
    expect(listener).toHaveBeenCalledTimes(4);

    unsubscribe();
    window.dispatchEvent(new Event('online'));
    connection.dispatchEvent(new Event('change'));
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it('reads the storage estimate, null when the platform cannot tell', async () => {
    expect(await new BrowserHost().storageEstimate()).toBeNull();
    setStorage({ estimate: () => Promise.resolve({ usage: 10, quota: 100 }) });
    expect(await new BrowserHost().storageEstimate()).toEqual({ usageBytes: 10, quotaBytes: 100 });
    setStorage({ estimate: () => Promise.reject(new Error('denied')) });
    expect(await new BrowserHost().storageEstimate()).toBeNull();
    setStorage({ estimate: () => Promise.resolve({}) });
    expect(await new BrowserHost().storageEstimate()).toBeNull();
  });

  it('answers persisted() and persist() from the Storage API, null without it (jsdom) or when it throws', async () => {
    setStorage(undefined);
    expect(await new BrowserHost().persisted()).toBeNull();
    expect(await new BrowserHost().persist()).toBeNull();
    const storage = { persisted: jest.fn(() => Promise.resolve(false)), persist: jest.fn(() => Promise.resolve(true)) };
    setStorage(storage);
    expect(await new BrowserHost().persisted()).toBe(false);
    expect(await new BrowserHost().persist()).toBe(true);
    expect(storage.persist).toHaveBeenCalledTimes(1);
    setStorage({ persisted: () => Promise.reject(new Error('SecurityError')) });
    expect(await new BrowserHost().persisted()).toBeNull();
  });

  it('makes GUIDs with randomUUID, or from getRandomValues where randomUUID is missing', () => {
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const withUuid = { randomUUID: () => '00000000-0000-4000-8000-000000000001', getRandomValues: <T,>(a: T) => a } as unknown as Crypto;
    expect(new BrowserHost(undefined, { window, navigator, document, crypto: withUuid }).newId()).toBe('00000000-0000-4000-8000-000000000001');

    const bytesOnly = {
      getRandomValues: (array: Uint8Array) => {
        array.fill(0xff);
        return array;
      },
    } as unknown as Crypto;
    const id = new BrowserHost(undefined, { window, navigator, document, crypto: bytesOnly }).newId();
    expect(id).toMatch(guid);
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');

    const ids = new Set(Array.from({ length: 50 }, () => new BrowserHost(undefined, { window, navigator, document }).newId()));
    expect(ids.size).toBe(50);
    for (const each of ids) expect(each).toMatch(guid);
  });

  it('runs a timer once and cancels it', () => {
    jest.useFakeTimers();
    try {
      const host = new BrowserHost();
      const fired = jest.fn();
      host.setTimer(fired, 100);
      const cancelled = jest.fn();
      const cancel = host.setTimer(cancelled, 100);
      cancel();
      jest.advanceTimersByTime(150);
      expect(fired).toHaveBeenCalledTimes(1);
      expect(cancelled).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });

  it('tells time and randomness', () => {
    const host = new BrowserHost();
    expect(Math.abs(host.now() - Date.now())).toBeLessThan(1000);
    const value = host.random();
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1);
  });
});

describe('BrowserHost: the offline data marker in localStorage', () => {
  const marker = { database: 'oss:org:user', databaseId: 'id-1', createdAt: 1, changes: 3, fileChanges: 1, syncErrors: 2, lastWriteAt: 5 };

  beforeEach(() => {
    localStorage.clear();
  });

  it('keeps one marker per database, apart from IndexedDB', () => {
    const host = new BrowserHost();
    expect(host.readOfflineMarker('oss:org:user')).toBeNull();
    host.writeOfflineMarker(marker);
    expect(new BrowserHost().readOfflineMarker('oss:org:user')).toEqual(marker);
    expect(host.readOfflineMarker('oss:org:other')).toBeNull();
  });

  it('answers no marker for a value it did not write (another shape, a hand edit)', () => {
    const host = new BrowserHost();
    localStorage.setItem('oss:marker:oss:org:user', '{not json');
    expect(host.readOfflineMarker('oss:org:user')).toBeNull();
    localStorage.setItem('oss:marker:oss:org:user', JSON.stringify({ ...marker, changes: -1 }));
    expect(host.readOfflineMarker('oss:org:user')).toBeNull();
    localStorage.setItem('oss:marker:oss:org:user', JSON.stringify({ ...marker, database: 'oss:org:other' }));
    expect(host.readOfflineMarker('oss:org:user')).toBeNull();
  });

  it('neither throws nor answers a marker where localStorage is missing or refuses', () => {
    const refusing = {
      get localStorage(): Storage {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    };
    const host = new BrowserHost(undefined, { window: refusing as unknown as Window, navigator, document });
    expect(() => host.writeOfflineMarker(marker)).not.toThrow();
    expect(host.readOfflineMarker('oss:org:user')).toBeNull();
    const full = { localStorage: { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } } };
    expect(() => new BrowserHost(undefined, { window: full as unknown as Window, navigator, document }).writeOfflineMarker(marker)).not.toThrow();
  });
});
