/**
 * The `RecordStore.setValue` keys of what the engine itself keeps in the offline database. In one place because a
 * reset and a recovery from removed data write them too, not only the code that reads them at start.
 */
export const STORE_KEYS = {
  userSettings: 'userSettings',
  lastSuccessAt: 'lastSuccessAt',
} as const;
