/** FetchXML, the second language of the query model: compiled to the same tree OData compiles to. */
export { parseFetchXml, MAX_LINK_ENTITIES } from './parseFetchXml';
export { readXml, type XmlElement } from './readXml';
