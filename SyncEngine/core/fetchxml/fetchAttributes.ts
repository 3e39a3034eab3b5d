import { QueryError } from '../../contracts/errors';
import type { XmlElement } from './readXml';

/** A FetchXML attribute that must be there and not blank, trimmed. */
export function required(element: XmlElement, name: string): string {
  const value = element.attributes.get(name);
  if (value === undefined || value.trim() === '') throw new QueryError(`The FetchXML element <${element.name}> needs a '${name}' attribute.`);
  return value.trim();
}

/** A FetchXML yes/no attribute: `true`/`1` or `false`/`0`; absent is false. */
export function flag(element: XmlElement, name: string): boolean {
  const value = element.attributes.get(name);
  if (value === undefined) return false;
  const lower = value.trim().toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw new QueryError(`The attribute '${name}' of <${element.name}> must be true or false, not '${value}'.`);
}

