import { QueryError } from '../../contracts/errors';
import { readXml, type XmlElement } from './readXml';
import { xmlAttributes, xmlText } from './xmlText';

/**
 * Edits of a FetchXML query the sliced download needs, made on the parsed document and written back: the same
 * query narrowed by one more condition on the queried table (`modifiedon ge …`, `<pk> in (…)`), or asking only
 * for the primary key. Everything else of the query (its filters, link-entities, order) is kept as written.
 */
export function withCondition(fetchXml: string, condition: XmlElement): string {
  const root = readXml(fetchXml);
  const entity = entityOf(root);
  const filters = entity.children.filter((child) => child.name === 'filter');
  const others = entity.children.filter((child) => child.name !== 'filter');
  const combined = element('filter', { type: 'and' }, [...filters, element('filter', { type: 'and' }, [condition])]);
  return writeXml({ ...root, children: [{ ...entity, children: [...others, combined] }] });
}

/** The query asking for the primary key only, each row once: what an ids-only check of the slice reads. */
export function idsOnly(fetchXml: string, primaryId: string): string {
  const root = readXml(fetchXml);
  const entity = entityOf(root);
  const kept = entity.children.filter((child) => child.name !== 'attribute' && child.name !== 'all-attributes' && child.name !== 'order');
  const attributes = new Map(root.attributes);
  attributes.set('distinct', 'true');
  return writeXml({
    ...root,
    attributes,
    children: [{ ...entity, children: [element('attribute', { name: primaryId }, []), ...kept.map(withoutColumns), element('order', { attribute: primaryId }, [])] }],
  });
}

/** A `condition` element: `operator` on `attribute` with one value or a `<value>` list. */
export function condition(attribute: string, operator: string, values: readonly string[]): XmlElement {
  if (values.length === 1 && operator !== 'in') return element('condition', { attribute, operator, value: values[0] }, []);
  return element('condition', { attribute, operator }, values.map((value) => ({ ...element('value', {}, []), text: value })));
}

/** Serialises a parsed document, escaping text and attribute values. */
export function writeXml(node: XmlElement): string {
  const attributes = xmlAttributes([...node.attributes]);
  if (node.children.length === 0 && node.text === '') return `<${node.name}${attributes}/>`;
  return `<${node.name}${attributes}>${xmlText(node.text)}${node.children.map(writeXml).join('')}</${node.name}>`;
}

/** Link-entities, also those inside filters, keep their conditions but return no columns of their own. */
function withoutColumns(node: XmlElement): XmlElement {
  if (node.name !== 'link-entity' && node.name !== 'filter') return node;
  return { ...node, children: node.children.filter((child) => child.name !== 'attribute' && child.name !== 'all-attributes').map(withoutColumns) };
}

function entityOf(root: XmlElement): XmlElement {
  const entity = root.name === 'fetch' ? root.children.find((child) => child.name === 'entity') : undefined;
  if (!entity) throw new QueryError('FetchXML must be a <fetch> with an <entity>.');
  return entity;
}

function element(name: string, attributes: Record<string, string>, children: XmlElement[]): XmlElement {
  return { name, attributes: new Map(Object.entries(attributes)), children, text: '', position: 0 };
}
