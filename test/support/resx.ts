import { readFileSync } from 'fs';
import { join } from 'path';

/** Parses a resx string table (the master one by default) into key → text, as the controls' host reads it. */
export function readResx(lcid: '1033' | '1031' | '1036' = '1033', file = join(__dirname, '..', '..', 'components', 'strings', `OfflineSync.${lcid}.resx`)): Map<string, string> {
  const xml = readFileSync(file, 'utf8');
  const strings = new Map<string, string>();
  for (const match of xml.matchAll(/<data name="([^"]+)"[^>]*>\s*<value>([\s\S]*?)<\/value>/g)) {
    strings.set(match[1], unescapeXml(match[2]));
  }
  return strings;
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
