import { QueryError } from '../../../SyncEngine/contracts/errors';
import { readXml } from '../../../SyncEngine/core/fetchxml';

function failure(source: string): QueryError {
  try {
    readXml(source);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`readXml accepted ${source}`);
}

describe('readXml', () => {
  it('reads elements, attributes in either quote, entity and character references, comments and CDATA', () => {
    const root = readXml(`<?xml version="1.0"?><!-- view --><fetch top='5'><entity name="account"><condition value="a &amp; b &lt;&#65;&#x42;&quot;" /><value>x<![CDATA[<y>]]></value></entity></fetch>`);
    expect(root.name).toBe('fetch');
    expect(root.attributes.get('top')).toBe('5');
    const entity = root.children[0];
    expect(entity.attributes.get('name')).toBe('account');
    expect(entity.children[0].attributes.get('value')).toBe('a & b <AB"');
    expect(entity.children[1].text).toBe('x<y>');
  });

  it.each([
    ['an unclosed element', '<fetch><entity name="account">', 'is not closed'],
    ['a mismatched closing tag', '<fetch></entity>', '</entity> closes <fetch>'],
    ['an unquoted attribute', '<fetch top=5/>', 'quoted attribute value'],
    ['a repeated attribute', '<fetch top="1" top="2"/>', "attribute 'top' repeated"],
    ['an unknown entity reference', '<fetch><value>&nbsp;</value></fetch>', 'unknown entity &nbsp;'],
    ['a bare ampersand', '<fetch><value>a & b</value></fetch>', "'&'"],
    ['text after the root', '<fetch/><fetch/>', 'after the root element'],
    ['a DTD', '<!DOCTYPE x><fetch/>', 'document type'],
    ['plain text', 'not xml at all', 'expected an element'],
    ['an empty string', '', 'expected an element'],
  ])('rejects %s with a QueryError that says where', (_, source, problem) => {
    const error = failure(source);
    expect(error.code).toBe('invalid-query');
    expect(error.message).toContain('Malformed FetchXML at position');
    expect(error.message).toContain(problem);
  });

  it('rejects absurd nesting instead of overflowing the stack', () => {
    expect(failure(`${'<filter>'.repeat(5000)}${'</filter>'.repeat(5000)}`).message).toContain('nested more than');
  });
});
