import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react';
import type { Row, TableDisplay } from '../../SyncEngine/contracts';
import { SYNC_COLUMNS, columnLabel, formatColumnValue } from './columnDisplay';
import type { Text } from './text';

const classes = mergeStyleSets({
  table: { borderCollapse: 'collapse', width: '100%', fontSize: 13 },
  caption: { textAlign: 'start', fontWeight: 600, padding: '4px 0' },
  cell: { border: '1px solid #c8c6c4', padding: '4px 6px', textAlign: 'start', verticalAlign: 'top' },
  // Only values may break anywhere (long ids, e-mail addresses); column names and the verdict stay whole.
  value: { overflowWrap: 'anywhere' },
  label: { whiteSpace: 'nowrap' },
  // Colour is a second cue only: the "Differs" column says it in words.
  differs: { backgroundColor: '#fff4ce' },
});

export interface ConflictComparisonProps {
  recordName: string;
  device: Row;
  server: Row;
  text: Text;
  /** Names and labels of the record's table in the user's language; without it, logical names and raw values. */
  table?: TableDisplay;
  locale: string;
}

/**
 * Annotations (`@odata.etag`, `x@OData.Community.Display.V1.FormattedValue`) and the columns every sync changes
 * differ on every conflict and mean nothing to the user.
 */
function isUserColumn(column: string): boolean {
  return !column.includes('@') && !SYNC_COLUMNS.has(column);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Device and server versions of a conflicting record side by side, differing columns marked in text and colour. */
export function ConflictComparison({ recordName, device, server, text, table, locale }: ConflictComparisonProps): React.ReactElement {
  const all = [...new Set([...Object.keys(device), ...Object.keys(server)])].filter(isUserColumn);
  // What differs is what the user came to see: those rows first.
  const columns = [...all.filter((c) => !sameValue(device[c], server[c])), ...all.filter((c) => sameValue(device[c], server[c]))];
  return (
    <table className={classes.table}>
      <caption className={classes.caption}>{text('statusPage.conflict.caption', { record: recordName })}</caption>
      <thead>
        <tr>
          <th scope="col" className={classes.cell}>{text('statusPage.conflict.column')}</th>
          <th scope="col" className={classes.cell}>{text('statusPage.conflict.device')}</th>
          <th scope="col" className={classes.cell}>{text('statusPage.conflict.server')}</th>
          <th scope="col" className={classes.cell}>{text('statusPage.conflict.differs')}</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column) => {
          const differs = !sameValue(device[column], server[column]);
          const shown = (row: Row, other: Row): string => formatColumnValue(row, column, other, table, locale) ?? text('statusPage.conflict.empty');
          return (
            <tr key={column} className={differs ? classes.differs : undefined} data-differs={differs}>
              <th scope="row" className={`${classes.cell} ${classes.label}`}>{columnLabel(column, table)}</th>
              <td className={`${classes.cell} ${classes.value}`}>{shown(device, server)}</td>
              <td className={`${classes.cell} ${classes.value}`}>{shown(server, device)}</td>
              <td className={`${classes.cell} ${classes.label}`}>{differs ? <strong>{text('statusPage.conflict.differs')}</strong> : text('statusPage.conflict.same')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
