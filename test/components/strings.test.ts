import { readFileSync } from 'fs';
import { join } from 'path';
import { allStringKeys } from '../../components/shared/strings';
import { STATUS_PAGE_STRINGS } from '../../components/statusPage/statusPageStrings';
import { readResx } from '../support/mockContext';

const ROOT = join(__dirname, '..', '..');
const CONTROLS = ['SyncStatusIcon', 'OfflineStatusPage', 'SyncNotifications'];
const LCIDS = ['1033', '1031', '1036'] as const;

function manifestKeys(control: string): string[] {
  const xml = readFileSync(join(ROOT, control, 'ControlManifest.Input.xml'), 'utf8');
  return [...xml.matchAll(/(?:display-name-key|description-key)="([^"]+)"/g)].map((m) => m[1]);
}

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

  it('every manifest declares the resx of all three languages', () => {
    for (const control of CONTROLS) {
      const xml = readFileSync(join(ROOT, control, 'ControlManifest.Input.xml'), 'utf8');
      for (const lcid of LCIDS) expect(xml).toContain(`<resx path="strings/${control}.${lcid}.resx" version="1.0.0" />`);
    }
  });
});
