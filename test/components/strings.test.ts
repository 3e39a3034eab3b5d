import { readFileSync } from 'fs';
import { join } from 'path';
import { allStringKeys } from '../../components/shared/strings';
import { STATUS_PAGE_STRINGS } from '../../components/statusPage/statusPageStrings';
import { STATUS_PAGE_TRANSLATIONS } from '../../components/statusPage/statusPageStrings.translations';
import { readResx } from '../support/mockContext';

const ROOT = join(__dirname, '..', '..');
const CONTROLS = ['SyncStatusIcon', 'OfflineStatusPage', 'SyncNotifications'];
const LCIDS = ['1033', '1031', '1036'] as const;

function manifestKeys(control: string): string[] {
  const xml = readFileSync(join(ROOT, control, 'ControlManifest.Input.xml'), 'utf8');
  return [...xml.matchAll(/(?:display-name-key|description-key)="([^"]+)"/g)].map((m) => m[1]);
}

/**
 * English words that mean the same here, so one translation may serve them: closing a panel or dismissing a bar is
 * one gesture; German has one word for "error" and "errors".
 */
const SAME_MEANING: readonly (readonly string[])[] = [
  ['Close', 'Dismiss'],
  ['Sync error', 'Sync errors'],
];

describe('string tables', () => {
  it.each(CONTROLS.flatMap((control) => LCIDS.map((lcid) => [control, lcid])))(
    '%s.%s.resx is an exact copy of the master (run node scripts/sync-resx.mjs)',
    (control, lcid) => {
      const master = readFileSync(join(ROOT, 'components', 'strings', `OfflineSync.${lcid}.resx`), 'utf8');
      expect(readFileSync(join(ROOT, control, 'strings', `${control}.${lcid}.resx`), 'utf8')).toBe(master);
    },
  );

  it.each(LCIDS)('the %s master has every key the components, the status page and the manifests use, none of them empty', (lcid) => {
    const strings = readResx(lcid);
    const used = new Set([...allStringKeys(), ...CONTROLS.flatMap(manifestKeys), ...Object.keys(STATUS_PAGE_STRINGS)]);
    const missing = [...used].filter((key) => !strings.get(key));
    expect(missing).toEqual([]);
  });

  it.each(['1031', '1036'] as const)('the %s master translates exactly the English keys, with the same placeholders', (lcid) => {
    const english = readResx('1033');
    const other = readResx(lcid);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    const placeholders = (text: string | undefined): string[] => (text?.match(/\{\w+\}/g) ?? []).sort();
    const mismatched = [...english].filter(([key, text]) => placeholders(text).join() !== placeholders(other.get(key)).join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it.each(LCIDS)('the %s master says every status page string exactly as its TypeScript table (the fallback) does', (lcid) => {
    const strings = readResx(lcid);
    const table: Readonly<Record<string, string>> = lcid === '1033' ? STATUS_PAGE_STRINGS : STATUS_PAGE_TRANSLATIONS[lcid];
    const differing = Object.entries(table).filter(([key, text]) => strings.get(key) !== text);
    expect(differing.map(([key]) => key)).toEqual([]);
    const stale = [...strings.keys()].filter((key) => key.startsWith('statusPage.') && !(key in table));
    expect(stale).toEqual([]);
  });

  it.each(['1031', '1036'] as const)('in %s, strings with different English meanings never share one translation', (lcid) => {
    const english = readResx('1033');
    const byTranslation = new Map<string, Set<string>>();
    for (const [key, text] of readResx(lcid)) {
      const meanings = byTranslation.get(text) ?? new Set<string>();
      meanings.add(english.get(key) ?? key);
      byTranslation.set(text, meanings);
    }
    const shared = [...byTranslation]
      .map(([text, meanings]) => ({ text, meanings: [...meanings].sort() }))
      .filter(({ meanings }) => meanings.length > 1 && !SAME_MEANING.some((same) => meanings.every((m) => same.includes(m))));
    expect(shared).toEqual([]);
  });

  it('says Update (a kind of change) and Refresh (download again) in different words in every language', () => {
    for (const lcid of LCIDS) {
      const strings = readResx(lcid);
      expect(strings.get('statusPage.op.update')).not.toBe(strings.get('statusPage.tables.refresh'));
      expect(strings.get('statusPage.op.update')).not.toBe(strings.get('Notice_Refresh'));
    }
  });

  it('every manifest declares the resx of all three languages', () => {
    for (const control of CONTROLS) {
      const xml = readFileSync(join(ROOT, control, 'ControlManifest.Input.xml'), 'utf8');
      for (const lcid of LCIDS) expect(xml).toContain(`<resx path="strings/${control}.${lcid}.resx" version="1.0.0" />`);
    }
  });
});
