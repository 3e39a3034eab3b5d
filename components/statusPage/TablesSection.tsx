import * as React from 'react';
import type { SyncEngineApi, SyncStatus, TableStatus } from '../../SyncEngine/contracts';
import { Section, displayNameOf } from './Section';
import { TableItem } from './TableItem';
import { pageStyles } from './styles';
import type { Text } from './text';
import type { EngineActionState } from './useEngineAction';
import { VirtualList } from './VirtualList';

export interface TablesSectionProps {
  engine: SyncEngineApi;
  status: SyncStatus;
  text: Text;
  locale: string;
  actions: EngineActionState;
}

const tableKey = (table: TableStatus): string => table.table;

/** Per-table state of the offline database, with a Refresh per table. */
export function TablesSection({ engine, status, text, locale, actions }: TablesSectionProps): React.ReactElement {
  const { tables } = status;
  const refreshDisabled = status.isSyncing || actions.busy;
  const { run } = actions;

  const onRefresh = React.useCallback(
    (table: TableStatus) => {
      run(text('statusPage.tables.refreshLabel', { table: table.displayName }), () => engine.refreshTable(table.table));
    },
    [engine, run, text],
  );

  const renderItem = React.useCallback(
    (table: TableStatus) => (
      <TableItem
        table={table}
        drivenByName={table.intervalDrivenBy === undefined ? undefined : displayNameOf(tables, table.intervalDrivenBy)}
        text={text}
        locale={locale}
        refreshDisabled={refreshDisabled}
        onRefresh={onRefresh}
      />
    ),
    [tables, text, locale, refreshDisabled, onRefresh],
  );

  return (
    <Section heading={text('statusPage.tables.heading')} foldedOnPhones>
      {tables.length === 0 ? (
        <p className={pageStyles.line}>{text('statusPage.tables.empty')}</p>
      ) : (
        <VirtualList
          items={tables}
          ariaLabel={text('statusPage.tables.listLabel')}
          renderItem={renderItem}
          getKey={tableKey}
          version={renderItem}
        />
      )}
    </Section>
  );
}
