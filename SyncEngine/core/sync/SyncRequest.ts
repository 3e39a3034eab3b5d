/** Why a pass runs: the scheduler's own, or a user's action on the status page. */
export type SyncRequest =
  | { kind: 'auto' }
  | { kind: 'syncNow' }
  | { kind: 'refreshTable'; table: string }
  | { kind: 'refreshAll' }
  | { kind: 'uploadOnly' };

/** Which tables a pass downloads, and whether in full. */
export function tablesFor(request: SyncRequest, due: readonly string[], all: readonly string[]): { tables: string[]; forceFull: boolean } {
  switch (request.kind) {
    case 'auto':
      return { tables: [...due], forceFull: false };
    case 'syncNow':
      return { tables: [...all], forceFull: false };
    case 'refreshTable':
      return { tables: [request.table], forceFull: true };
    case 'refreshAll':
      return { tables: [...all], forceFull: true };
    case 'uploadOnly':
      return { tables: [], forceFull: false };
  }
}
