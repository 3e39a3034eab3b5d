import type { OutboxEntry } from '../../SyncEngine/contracts/rows';
import { sortOutbox, unreadableReason } from '../../SyncEngine/core/outbox/readableOutbox';

const good: OutboxEntry = { seq: 1, table: 'account', rowId: 'a-1', op: 'update', data: { name: 'x' }, createdAt: 1, attempts: 0, state: 'pending' };

describe('reading the stored outbox', () => {
  it('accepts every kind of change the engine writes', () => {
    expect(unreadableReason(good)).toBeUndefined();
    expect(unreadableReason({ ...good, op: 'delete', data: undefined })).toBeUndefined();
    expect(unreadableReason({ ...good, op: 'fileAdd', data: undefined, attachment: { column: 'doc', base64: 'AA==' } })).toBeUndefined();
  });

  it.each([
    ['not a record', 'oops', 'it is not a record'],
    ['no table', { ...good, table: undefined }, 'its table is missing'],
    ['no row id', { ...good, rowId: '' }, 'its row id is missing'],
    ['an unknown kind', { ...good, op: 'upsert' }, 'its kind of change (upsert) is unknown'],
    ['an update without values', { ...good, data: undefined }, 'the values typed are missing'],
    ['a file without its file', { ...good, op: 'imageAdd', attachment: undefined }, 'its file is missing'],
    ['an unknown state', { ...good, state: 'sending' }, 'its state is unknown'],
  ])('names what is wrong with %s', (_, value, reason) => {
    expect(unreadableReason(value)).toBe(reason);
  });

  it('holds an unreadable change (never drops it) with an error that names it, and keeps the readable ones as they are', () => {
    const broken = { ...good, seq: 2, op: 'upsert', recordName: 'Contoso' } as unknown as OutboxEntry;
    const sorted = sortOutbox([good, broken], 50);
    expect(sorted.entries).toEqual([good, expect.objectContaining({ seq: 2, state: 'quarantined', lastErrorCode: 'store-corrupt', op: 'update' })]);
    expect(sorted.errors).toEqual([
      expect.objectContaining({ id: 'store-corrupt:outbox:2', outboxSeq: 2, code: 'store-corrupt', recordName: 'Contoso', time: 50, message: expect.stringContaining('its kind of change (upsert) is unknown') }),
    ]);
  });
});
