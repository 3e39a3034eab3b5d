import { noticeMessage } from '../../components/notifications/noticeMessage';
import { formatDuration } from '../../components/shared/format';
import { readResx } from '../support/resx';
import { join, resolve } from 'node:path';

const STRINGS = resolve(__dirname, '..', '..', 'components', 'strings');
type Lcid = '1033' | '1031' | '1036';

function translate(lcid: Lcid): (key: string) => string {
  const table = new Map(readResx(lcid, join(STRINGS, `OfflineSync.${lcid}.resx`)));
  return (key) => table.get(key) ?? `[missing ${key}]`;
}

describe('the first sync says how long it has left', () => {
  it('formats the time left through Intl in the user language: minutes rounded up, hours from 90 minutes', () => {
    expect(formatDuration(59_000, 'en-US')).toBeUndefined();
    expect(formatDuration(61_000, 'en-US')).toBe('2 minutes');
    expect(formatDuration(60_000, 'en-US')).toBe('1 minute');
    expect(formatDuration(3 * 60_000, 'de-DE')).toBe('3 Minuten');
    expect(formatDuration(3 * 60_000, 'fr-FR')).toBe('3 minutes');
    expect(formatDuration(150 * 60_000, 'en-US')).toBe('3 hours');
  });

  it.each<[Lcid, string, string, string]>([
    ['1033', 'en-US', 'Time left: about 4 minutes.', 'Less than a minute left.'],
    ['1031', 'de-DE', 'Verbleibende Zeit: etwa 4 Minuten.', 'Noch weniger als eine Minute.'],
    ['1036', 'fr-FR', 'Temps restant : environ 4 minutes.', 'Moins d’une minute restante.'],
  ])('in %s the notice ends with the time left, and says nothing of it while there is no estimate', (lcid, locale, minutes, underMinute) => {
    const t = translate(lcid);
    const notice = { kind: 'initialSync' as const, rowsDownloaded: 12_500, bytesOnDisk: null, table: 'account' };
    const without = noticeMessage(notice, t, locale)?.text ?? '';
    expect(without).not.toContain(minutes);
    expect(noticeMessage({ ...notice, remainingMs: 3.5 * 60_000 }, t, locale)?.text).toBe(`${without} ${minutes}`);
    expect(noticeMessage({ ...notice, remainingMs: 20_000 }, t, locale)?.text).toBe(`${without} ${underMinute}`);
  });
});
