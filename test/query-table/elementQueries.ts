import { entry, type QueryEntry } from './QueryEntry';

/**
 * `fetch` options, columns and order: top, count/page, distinct, returntotalrecordcount, attribute (with alias),
 * all-attributes, several orders both ways. Every plain query ends its order with the primary key, so ties
 * cannot make the order ambiguous.
 */
export const ELEMENT_QUERIES: QueryEntry[] = [
  entry('top: the first five accounts by name', 'account', `<fetch top="5"><entity name="account"><attribute name="name"/><attribute name="address1_city"/>
    <order attribute="name"/><order attribute="accountid"/></entity></fetch>`, { minRows: 5, maxRows: 5 }),
  entry('count + page: the third page of ten contacts', 'contact', `<fetch count="10" page="3"><entity name="contact"><attribute name="fullname"/>
    <order attribute="lastname"/><order attribute="contactid"/></entity></fetch>`, { minRows: 10, maxRows: 10 }),
  entry('count + page past the end is empty', 'msdyn_customerasset', `<fetch count="50" page="9"><entity name="msdyn_customerasset"><attribute name="msdyn_name"/>
    <order attribute="msdyn_customerassetid"/></entity></fetch>`, { minRows: 0, maxRows: 0 }),
  entry('count alone, every page read (page numbers offline, paging cookie online)', 'contact', `<fetch count="45"><entity name="contact">
    <attribute name="fullname"/><attribute name="jobtitle"/><order attribute="fullname" descending="true"/><order attribute="contactid"/></entity></fetch>`,
    { minRows: 300, allPages: true }),
  entry('returntotalrecordcount with count: pages and total', 'msdyn_workorder', `<fetch count="30" returntotalrecordcount="true"><entity name="msdyn_workorder">
    <attribute name="msdyn_name"/><attribute name="msdyn_priority"/><filter><condition attribute="msdyn_priority" operator="ge" value="2"/></filter>
    <order attribute="msdyn_name"/><order attribute="msdyn_workorderid"/></entity></fetch>`, { minRows: 60, allPages: true }),
  entry('distinct job titles, a null one among them', 'contact', `<fetch distinct="true"><entity name="contact"><attribute name="jobtitle"/>
    <order attribute="jobtitle"/></entity></fetch>`, { minRows: 7, maxRows: 7 }),
  entry('distinct city and state code, descending', 'account', `<fetch distinct="true"><entity name="account"><attribute name="address1_city"/>
    <attribute name="statecode"/><order attribute="address1_city" descending="true"/><order attribute="statecode"/></entity></fetch>`, { minRows: 10 }),
  entry('attribute with an alias, ordered by the alias', 'account', `<fetch><entity name="account"><attribute name="name" alias="accountname"/>
    <attribute name="revenue"/><filter><condition attribute="revenue" operator="gt" value="4500000"/></filter>
    <order alias="accountname"/><order attribute="accountid"/></entity></fetch>`, { minRows: 5 }),
  entry('all-attributes with a filter', 'msdyn_workorder', `<fetch><entity name="msdyn_workorder"><all-attributes/>
    <filter><condition attribute="msdyn_priority" operator="eq" value="1"/><condition attribute="msdyn_city" operator="eq" value="Oslo"/></filter>
    <order attribute="msdyn_workorderid"/></entity></fetch>`, { minRows: 2 }),
  entry('no attribute element: every column', 'msdyn_customerasset', `<fetch><entity name="msdyn_customerasset">
    <filter><condition attribute="msdyn_manufacturer" operator="eq" value="Fabrikam HVAC"/></filter><order attribute="msdyn_customerassetid"/></entity></fetch>`,
    { minRows: 10 }),
  entry('several orders: last name asc, first name desc, key', 'contact', `<fetch><entity name="contact"><attribute name="firstname"/>
    <attribute name="lastname"/><order attribute="lastname"/><order attribute="firstname" descending="true"/><order attribute="contactid"/></entity></fetch>`,
    { minRows: 300 }),
  entry('order by a date descending, then by number', 'bookableresourcebooking', `<fetch top="40"><entity name="bookableresourcebooking">
    <attribute name="name"/><attribute name="starttime"/><attribute name="duration"/><order attribute="starttime" descending="true"/>
    <order attribute="duration"/><order attribute="bookableresourcebookingid"/></entity></fetch>`, { minRows: 40 }),
  entry('order by a lookup and a choice', 'msdyn_workorder', `<fetch><entity name="msdyn_workorder"><attribute name="msdyn_serviceaccount"/>
    <attribute name="msdyn_systemstatus"/><order attribute="msdyn_serviceaccount"/><order attribute="msdyn_systemstatus" descending="true"/>
    <order attribute="msdyn_workorderid"/></entity></fetch>`, { minRows: 200 }),
  entry('nested and/or filters', 'account', `<fetch><entity name="account"><attribute name="name"/><attribute name="address1_city"/><attribute name="revenue"/>
    <filter type="and"><filter type="or"><condition attribute="address1_city" operator="eq" value="Seattle"/>
    <condition attribute="address1_city" operator="eq" value="Dublin"/></filter><filter type="or">
    <condition attribute="revenue" operator="gt" value="3000000"/><filter type="and"><condition attribute="numberofemployees" operator="lt" value="1000"/>
    <condition attribute="statecode" operator="eq" value="0"/></filter></filter></filter><order attribute="accountid"/></entity></fetch>`, { minRows: 8 }),
];

/**
 * FetchXML aggregation: count, countcolumn (plain and distinct), sum, avg, min, max, groupby (on the entity and
 * on a link-entity). Grouped answers are ordered by their group alias, so both sides must agree on the order.
 */
export const AGGREGATE_QUERIES: QueryEntry[] = [
  entry('aggregate count of every contact', 'contact', `<fetch aggregate="true"><entity name="contact">
    <attribute name="contactid" aggregate="count" alias="contacts"/></entity></fetch>`, { minRows: 1, maxRows: 1 }),
  entry('countcolumn: non-null job titles, and distinct cities', 'contact', `<fetch aggregate="true"><entity name="contact">
    <attribute name="jobtitle" aggregate="countcolumn" alias="titled"/><attribute name="address1_city" aggregate="countcolumn" distinct="true" alias="cities"/>
    </entity></fetch>`, { minRows: 1, maxRows: 1 }),
  entry('sum, min and max of revenue per city', 'account', `<fetch aggregate="true"><entity name="account">
    <attribute name="address1_city" groupby="true" alias="city"/><attribute name="revenue" aggregate="sum" alias="total"/>
    <attribute name="revenue" aggregate="min" alias="lowest"/><attribute name="revenue" aggregate="max" alias="highest"/>
    <order alias="city"/></entity></fetch>`, { minRows: 10 }),
  entry('avg of a decimal column per priority, descending', 'msdyn_workorder', `<fetch aggregate="true"><entity name="msdyn_workorder">
    <attribute name="msdyn_priority" groupby="true" alias="priority"/><attribute name="msdyn_latitude" aggregate="avg" alias="latitude"/>
    <attribute name="msdyn_workorderid" aggregate="count" alias="orders"/><order alias="priority" descending="true"/></entity></fetch>`, { minRows: 3, maxRows: 3 }),
  entry('avg of an integer duration per work location', 'bookableresourcebooking', `<fetch aggregate="true"><entity name="bookableresourcebooking">
    <attribute name="msdyn_worklocation" groupby="true" alias="location"/><attribute name="duration" aggregate="avg" alias="average"/>
    <attribute name="duration" aggregate="sum" alias="minutes"/><order alias="location"/></entity></fetch>`, { minRows: 3 }),
  entry('min and max of a date per owner', 'bookableresourcebooking', `<fetch aggregate="true"><entity name="bookableresourcebooking">
    <attribute name="ownerid" groupby="true" alias="owner"/><attribute name="starttime" aggregate="min" alias="first"/>
    <attribute name="starttime" aggregate="max" alias="last"/><order alias="owner"/></entity></fetch>`, { minRows: 2 }),
  entry('groupby two columns with a filter', 'msdyn_workorder', `<fetch aggregate="true"><entity name="msdyn_workorder">
    <attribute name="msdyn_city" groupby="true" alias="city"/><attribute name="msdyn_systemstatus" groupby="true" alias="status"/>
    <attribute name="msdyn_workorderid" aggregate="count" alias="orders"/><filter><condition attribute="statecode" operator="eq" value="0"/></filter>
    <order alias="city"/><order alias="status"/></entity></fetch>`, { minRows: 20 }),
  entry('groupby a link-entity column: contacts per account city', 'contact', `<fetch aggregate="true"><entity name="contact">
    <attribute name="contactid" aggregate="count" alias="contacts"/>
    <link-entity name="account" from="accountid" to="parentcustomerid" alias="acc"><attribute name="address1_city" groupby="true" alias="city"/></link-entity>
    <order alias="city"/></entity></fetch>`, { minRows: 10 }),
];
