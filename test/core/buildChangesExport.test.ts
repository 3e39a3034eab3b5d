import { CHANGES_EXPORT_FORMAT, CHANGES_EXPORT_VERSION } from '../../SyncEngine/contracts/changesExport';
import type { OutboxEntry, SyncErrorRecord } from '../../SyncEngine/contracts/rows';
import { buildChangesExport } from '../../SyncEngine/core/export/buildChangesExport';

const T0 = Date.UTC(2026, 11, 3, 18, 0);

function entry(seq: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return { seq, table: 'account', rowId: `row-${seq}`, op: 'update', data: { name: `Typed ${seq}` }, recordName: `Record ${seq}`, createdAt: T0 + seq, attempts: 0, state: 'pending', ...overrides };
}

const conflict: SyncErrorRecord = {
  id: 'err-1',
  table: 'account',
  rowId: 'row-9',
  recordName: 'Fabrikam',
  action: 'update',
  errorType: 0,
  code: 'conflict',
  message: 'The record changed on the server.',
  detail: '412',
  time: T0 + 60_000,
  deviceVersion: { name: 'Device name' },
  serverVersion: { name: 'Server name' },
  state: 'active',
};

const build = (outbox: OutboxEntry[], errors: SyncErrorRecord[] = []) =>
  buildChangesExport({ outbox, errors, identity: { orgId: 'org-1', userId: 'user-1' }, exportedAt: T0 + 120_000, suiteVersion: '9.8.7' });

describe('the "Export changes" document', () => {
  it('names its format, version, time, suite version, org and user, and counts what it holds', () => {
    const doc = build([entry(1), entry(2, { op: 'fileAdd', data: undefined }), entry(3, { op: 'imageRemove', data: undefined })], [conflict]);
    expect(doc).toMatchObject({
      format: CHANGES_EXPORT_FORMAT,
      formatVersion: CHANGES_EXPORT_VERSION,
      exportedAt: '2026-12-03T18:02:00.000Z',
      suiteVersion: '9.8.7',
      orgId: 'org-1',
      userId: 'user-1',
      counts: { changes: 3, rows: 1, files: 1, images: 1, errors: 1 },
    });
  });

  it('holds each queued change in upload order with the values the user typed and where it stands', () => {
    const failed = entry(5, { op: 'create', data: { name: 'New one', revenue: 12.5, _parentcustomerid_value: null }, state: 'failed', attempts: 3, lastErrorCode: 'rejected', lastErrorMessage: 'No.' });
    const doc = build([failed, entry(2, { op: 'delete', data: undefined, uncertain: true })]);
    expect(doc.changes).toEqual([
      { seq: 2, table: 'account', rowId: 'row-2', op: 'delete', recordName: 'Record 2', madeAt: '2026-12-03T18:00:00.002Z', state: 'pending', attempts: 0, uncertain: true },
      {
        seq: 5,
        table: 'account',
        rowId: 'row-5',
        op: 'create',
        recordName: 'Record 5',
        madeAt: '2026-12-03T18:00:00.005Z',
        state: 'failed',
        attempts: 3,
        lastErrorCode: 'rejected',
        lastErrorMessage: 'No.',
        values: { name: 'New one', revenue: 12.5, _parentcustomerid_value: null },
      },
    ]);
  });

  it('holds a file with its name, type and content', () => {
    const file = entry(1, { op: 'fileAdd', data: undefined, attachment: { column: 'doc', fileName: 'visit.pdf', mimeType: 'application/pdf', base64: 'JVBERi0=' } });
    expect(build([file]).changes[0].attachment).toEqual({ column: 'doc', fileName: 'visit.pdf', mimeType: 'application/pdf', base64: 'JVBERi0=' });
  });

  it('holds each sync error with both versions of a conflict and the change it holds back', () => {
    const held: SyncErrorRecord = { ...conflict, id: 'err-0', code: 'rejected', errorType: 3, time: T0, outboxSeq: 1, deviceVersion: undefined, serverVersion: undefined, detail: undefined };
    const doc = build([entry(1)], [conflict, held]);
    expect(doc.errors).toEqual([
      { id: 'err-0', table: 'account', rowId: 'row-9', recordName: 'Fabrikam', action: 'update', code: 'rejected', message: 'The record changed on the server.', time: '2026-12-03T18:00:00.000Z', state: 'active', changeSeq: 1 },
      {
        id: 'err-1',
        table: 'account',
        rowId: 'row-9',
        recordName: 'Fabrikam',
        action: 'update',
        code: 'conflict',
        message: 'The record changed on the server.',
        detail: '412',
        time: '2026-12-03T18:01:00.000Z',
        state: 'active',
        deviceVersion: { name: 'Device name' },
        serverVersion: { name: 'Server name' },
      },
    ]);
  });

  it('is plain JSON that shares no object with its input, so changing the document cannot change the store', () => {
    const queued = entry(1, { data: { name: 'Typed', when: '2026-01-01' } });
    const error = { ...conflict };
    const doc = build([queued], [error]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    (doc.changes[0].values as Record<string, unknown>).name = 'Changed';
    (doc.errors[0].deviceVersion as Record<string, unknown>).name = 'Changed';
    expect(queued.data?.name).toBe('Typed');
    expect(error.deviceVersion?.name).toBe('Device name');
  });

  it('answers an empty document for an empty queue', () => {
    const doc = build([]);
    expect(doc.counts).toEqual({ changes: 0, rows: 0, files: 0, images: 0, errors: 0 });
    expect(doc.changes).toEqual([]);
    expect(doc.errors).toEqual([]);
  });
});
