import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import { WHOLE_TABLES_PROFILE } from '../support/wholeTablesProfile';
import { ConfigError } from '../../SyncEngine/contracts/errors';
import type { OfflineProfile } from '../../SyncEngine/contracts/profile';
import { effectiveIntervals } from '../../SyncEngine/core/profile/dependencyAnalysis';
import { assertValidProfile, profileIssues } from '../../SyncEngine/core/profile/validateProfile';
import { ACCOUNTS, CONTACTS, PROFILE } from '../support/engineFixture';

describe('offline profile validation', () => {
  it('accepts the default Field Service profile', () => {
    expect(profileIssues(DEFAULT_PROFILE)).toEqual([]);
  });

  it('names the table and field of an interval out of range', () => {
    const profile = { ...PROFILE, tables: [{ ...ACCOUNTS, syncIntervalMinutes: 2 }, CONTACTS] };
    expect(profileIssues(profile)).toEqual([expect.objectContaining({ table: 'account', field: 'syncIntervalMinutes' })]);
    expect(() => {
      assertValidProfile(profile);
    }).toThrow(ConfigError);
    expect(() => {
      assertValidProfile(profile);
    }).toThrow(/account\.syncIntervalMinutes: must be a whole number from 5 to 1440, not 2/);
  });

  it('rejects self and circular relationships', () => {
    const self: OfflineProfile = { ...PROFILE, relationships: [{ from: 'account', to: 'account', lookup: 'statecode' }] };
    expect(profileIssues(self).map((i) => i.message)).toEqual([expect.stringContaining('Self relationship')]);
    const circular: OfflineProfile = {
      ...PROFILE,
      tables: [{ ...ACCOUNTS, columns: [...ACCOUNTS.columns, '_primarycontactid_value'] }, CONTACTS],
      relationships: [...PROFILE.relationships, { from: 'account', to: 'contact', lookup: '_primarycontactid_value' }],
    };
    expect(profileIssues(circular).map((i) => i.message)).toEqual([expect.stringMatching(/Circular relationship: .*→/)]);
  });

  it('rejects unknown tables, missing primary ids, lookups not in the columns and bad custom filters', () => {
    const profile: OfflineProfile = {
      name: 'bad',
      tables: [{ ...ACCOUNTS, columns: ['name'], filter: { kind: 'custom', filter: "name eq 'x' and" } }, CONTACTS],
      relationships: [
        { from: 'contact', to: 'lead', lookup: '_parentcustomerid_value' },
        { from: 'contact', to: 'account', lookup: '_missing_value' },
      ],
    };
    const fields = profileIssues(profile).map((i) => `${i.table ?? ''}.${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(['account.columns', 'account.filter', 'lead.relationships', 'contact.relationships']));
  });

  it('rejects JSON that is not a profile at all with a message instead of a crash', () => {
    const junk = { name: 'junk', tables: [{ logicalName: 'account' }], relationships: [] } as unknown as OfflineProfile;
    expect(() => {
      assertValidProfile(junk);
    }).toThrow(ConfigError);
  });
});

describe('dependency analysis', () => {
  it('pulls related-rows tables down to the shortest interval along their relationships, naming the driver', () => {
    const intervals = effectiveIntervals(WHOLE_TABLES_PROFILE);
    expect(intervals.get('bookableresourcebooking')).toMatchObject({ effectiveMinutes: 5 });
    expect(intervals.get('bookableresourcebooking')?.drivenBy).toBeUndefined();
    expect(intervals.get('contact')).toMatchObject({ effectiveMinutes: 1440 });
    expect(intervals.get('contact')?.drivenBy).toBeUndefined();
    expect(intervals.get('msdyn_customerasset')).toMatchObject({ effectiveMinutes: 1440 });
    const faster = { ...WHOLE_TABLES_PROFILE, tables: WHOLE_TABLES_PROFILE.tables.map((t) => (t.logicalName === 'account' ? { ...t, syncIntervalMinutes: 30 } : t)) };
    expect(effectiveIntervals(faster).get('contact')).toMatchObject({ effectiveMinutes: 30, drivenBy: 'account' });
  });

  it('syncs the built-in chain at the bookings\' pace: every table hangs off them', () => {
    const intervals = effectiveIntervals(DEFAULT_PROFILE);
    expect(intervals.get('bookableresourcebooking')).toMatchObject({ effectiveMinutes: 5 });
    for (const name of ['msdyn_workorder', 'account', 'contact', 'msdyn_customerasset']) {
      expect(intervals.get(name)).toMatchObject({ effectiveMinutes: 5, drivenBy: 'bookableresourcebooking' });
    }
  });

  it('replaces every interval with the user frequency when given', () => {
    const intervals = effectiveIntervals(PROFILE, 15);
    expect([...intervals.values()].map((i) => i.effectiveMinutes)).toEqual([15, 15]);
  });
});
