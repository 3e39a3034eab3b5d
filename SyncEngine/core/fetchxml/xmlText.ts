import { QueryError } from '../../contracts/errors';

/** Characters XML 1.0 cannot hold at all, even as a character reference. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/**
 * Text escaped for an XML attribute value or element content. Tabs and line breaks become character references
 * because an XML parser normalises them to spaces inside attribute values, which would change a condition's value.
 * @throws QueryError for a control character XML cannot carry, rather than send a query that means something else.
 */
export function xmlText(value: string): string {
  if (FORBIDDEN.test(value)) throw new QueryError(`The value ${JSON.stringify(value)} holds a control character FetchXML cannot carry.`);
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** ` name="value"` for each defined attribute, in the order given. */
export function xmlAttributes(attributes: ReadonlyArray<readonly [string, string | undefined]>): string {
  return attributes
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlText(value)}"`)
    .join('');
}
