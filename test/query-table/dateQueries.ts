import { dateOf } from './fixtureRows';
import { entry, type QueryEntry } from './QueryEntry';

/** Bookings whose name starts "Clock" (see fixtureRows.ts) matching one relative date condition on starttime. */
function clock(operator: string, value?: string, label = value): QueryEntry {
  const valued = value === undefined ? '' : ` value="${value}"`;
  return entry(`${operator}${label === undefined ? '' : ` ${label}`}`, 'bookableresourcebooking', `<fetch><entity name="bookableresourcebooking">
    <attribute name="name"/><attribute name="starttime"/><filter><condition attribute="name" operator="begins-with" value="Clock "/>
    <condition attribute="starttime" operator="${operator}"${valued}/></filter><order attribute="starttime"/><order attribute="bookableresourcebookingid"/>
    </entity></fetch>`, { minRows: 1, maxRows: 22 });
}

/**
 * The relative and calendar date operators, over bookings placed at known distances from the run's clock, so
 * each has a known, non-empty answer on any day. `now` is the shared real clock of the engine and the emulator.
 * A few run over the seeded bookings too (December 2024 to March 2025), where they select everything or nothing
 * but the rows near the boundary.
 */
export function dateQueries(now: number): QueryEntry[] {
  const fixed = ['today', 'yesterday', 'tomorrow', 'last-seven-days', 'next-seven-days', 'this-week', 'last-week', 'next-week',
    'this-month', 'last-month', 'next-month', 'this-year', 'last-year', 'next-year'];
  const counted: [string, string][] = [
    ['last-x-hours', '2'], ['next-x-hours', '2'], ['last-x-days', '3'], ['next-x-days', '3'], ['last-x-weeks', '2'], ['next-x-weeks', '2'],
    ['last-x-months', '2'], ['next-x-months', '2'], ['last-x-years', '2'], ['next-x-years', '2'],
    ['olderthan-x-minutes', '60'], ['olderthan-x-hours', '1'], ['olderthan-x-days', '30'], ['olderthan-x-weeks', '4'],
    ['olderthan-x-months', '1'], ['olderthan-x-years', '1'],
  ];
  return [
    ...fixed.map((operator) => clock(operator)),
    ...counted.map(([operator, count]) => clock(operator, count)),
    // Named by the day, not the date, so test names stay the same from run to run.
    clock('on', dateOf(now, 0), 'today'),
    clock('on-or-after', dateOf(now, 1), 'tomorrow'),
    clock('on-or-before', dateOf(now, -1), 'yesterday'),
    entry('olderthan-x-months over every booking', 'bookableresourcebooking', `<fetch><entity name="bookableresourcebooking"><attribute name="name"/>
      <filter><condition attribute="starttime" operator="olderthan-x-months" value="3"/></filter><order attribute="bookableresourcebookingid"/></entity></fetch>`,
      { minRows: 200 }),
    entry('on-or-before a seeded date, with a time-of-day in the data', 'bookableresourcebooking', `<fetch><entity name="bookableresourcebooking">
      <attribute name="name"/><attribute name="starttime"/><filter><condition attribute="starttime" operator="on-or-before" value="2024-12-20"/></filter>
      <order attribute="bookableresourcebookingid"/></entity></fetch>`, { minRows: 20 }),
    entry('on a seeded date', 'msdyn_workorder', `<fetch><entity name="msdyn_workorder"><attribute name="msdyn_name"/><attribute name="msdyn_timewindowstart"/>
      <filter><condition attribute="msdyn_timewindowstart" operator="on" value="2025-01-15"/></filter><order attribute="msdyn_workorderid"/></entity></fetch>`,
      { minRows: 1 }),
  ];
}
