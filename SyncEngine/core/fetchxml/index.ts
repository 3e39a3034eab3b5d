/** FetchXML, the second language of the query model: compiled to the same tree OData compiles to, and rendered back. */
export { parseFetchXml, MAX_LINK_ENTITIES } from './parseFetchXml';
export { renderFetchXml, renderFilterXml } from './renderFetchXml';
export { negateFilter } from './negateFilter';
export { readXml, type XmlElement } from './readXml';
