/**
 * Cached `Intl` formatters. Building a formatter costs far more than using one, and the icon and status page
 * format on every render (the UI benchmark found formatter construction to be a quarter of an icon update). A
 * malformed locale tag degrades to the default locale instead of throwing.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function safeLocale(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(kind: string, locale: string, options: object, make: (locale: string | undefined) => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = make(safeLocale(locale));
    cache.set(key, format);
  }
  return format;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached('n', locale, options, (l) => new Intl.NumberFormat(l, options));
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('d', locale, options, (l) => new Intl.DateTimeFormat(l, options));
}

export function relativeTimeFormat(locale: string, options: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat {
  return cached('r', locale, options, (l) => new Intl.RelativeTimeFormat(l, options));
}
