import { formatBytes, formatDateTime, formatNumber, formatRelative, formatTemplate, localeFromLcid } from '../../components/shared/format';

describe('format', () => {
  it('maps the shipped Dataverse languages to locales and falls back for the rest', () => {
    expect(localeFromLcid(1033)).toBe('en-US');
    expect(localeFromLcid(1031)).toBe('de-DE');
    expect(localeFromLcid(1036)).toBe('fr-FR');
    expect(typeof localeFromLcid(9999)).toBe('string');
  });

  it('formats numbers with the user’s grouping', () => {
    expect(formatNumber(12500, 'en-US')).toBe('12,500');
    expect(formatNumber(12500, 'de-DE')).toBe('12.500');
  });

  it('formats sizes in binary steps, number and unit through Intl in the user’s language', () => {
    expect(formatBytes(512, 'en-US')).toBe('512 bytes');
    expect(formatBytes(57_800, 'en-US')).toBe('56.4 kB');
    expect(formatBytes(1_572_864, 'de-DE')).toBe('1,5 MB');
    expect(formatBytes(57_800, 'fr-FR')).toMatch(/^56,4\sko$/);
    expect(formatBytes(512, 'fr-FR')).toMatch(/^512\soctets$/);
    expect(formatBytes(3 * 1024 ** 3, 'en-US')).toBe('3 GB');
    expect(formatBytes(-1, 'en-US')).toBe('0 bytes');
  });

  it('formats dates and relative times for the locale', () => {
    const time = Date.UTC(2025, 0, 15, 9, 30);
    expect(formatDateTime(time, 'en-US')).toMatch(/Jan 15, 2025/);
    expect(formatRelative(time - 5 * 60_000, time, 'en-US')).toBe('5 minutes ago');
    expect(formatRelative(time - 2 * 86_400_000, time, 'de-DE')).toBe('vorgestern');
  });

  it('fills positional placeholders and leaves unknown ones visible', () => {
    expect(formatTemplate('{0} of {1}', 3, 'x')).toBe('3 of x');
    expect(formatTemplate('{0} and {2}', 'a')).toBe('a and {2}');
  });
});
