import { entry, type QueryEntry } from './QueryEntry';

/**
 * link-entity: inner and outer joins (columns keyed `alias.column`, or `{name}{N}.column` without an alias),
 * the semi-joins exists / in (beside the columns) and any / not any (inside a filter, where Microsoft documents
 * them), nested link-entities, conditions on a joined table through `entityname`, and orders on joined columns.
 */
export const LINK_QUERIES: QueryEntry[] = [
  entry('inner join contact → account with a filter on each side', 'contact', `<fetch><entity name="contact"><attribute name="fullname"/>
    <filter><condition attribute="jobtitle" operator="eq" value="Plant Engineer"/></filter><order attribute="contactid"/>
    <link-entity name="account" from="accountid" to="parentcustomerid" alias="acc"><attribute name="name"/><attribute name="address1_city"/>
    <filter><condition attribute="address1_city" operator="in"><value>Seattle</value><value>Oslo</value><value>Lyon</value></condition></filter>
    </link-entity></entity></fetch>`, { minRows: 5 }),
  entry('inner join without an alias: {name}{N}.column', 'msdyn_customerasset', `<fetch><entity name="msdyn_customerasset"><attribute name="msdyn_name"/>
    <filter><condition attribute="msdyn_manufacturer" operator="eq" value="Litware Electrical"/></filter><order attribute="msdyn_customerassetid"/>
    <link-entity name="account" from="accountid" to="msdyn_account"><attribute name="name"/><attribute name="ownerid"/></link-entity></entity></fetch>`,
    { minRows: 10 }),
  entry('outer join account → contact keeps accounts without contacts', 'account', `<fetch><entity name="account"><attribute name="name"/>
    <filter><condition attribute="accountnumber" operator="begins-with" value="FIX-"/></filter><order attribute="accountid"/>
    <link-entity name="contact" from="parentcustomerid" to="accountid" alias="c" link-type="outer"><attribute name="fullname"/>
    <order attribute="contactid"/></link-entity></entity></fetch>`, { minRows: 4 }),
  entry('outer join + entityname null: accounts with no contact', 'account', `<fetch><entity name="account"><attribute name="name"/>
    <filter><condition entityname="c" attribute="contactid" operator="null"/></filter><order attribute="accountid"/>
    <link-entity name="contact" from="parentcustomerid" to="accountid" alias="c" link-type="outer"/></entity></fetch>`, { minRows: 2 }),
  entry('outer join 1:N: work orders with each of their bookings', 'msdyn_workorder', `<fetch><entity name="msdyn_workorder"><attribute name="msdyn_name"/>
    <filter><condition attribute="msdyn_city" operator="eq" value="Graz"/></filter><order attribute="msdyn_name"/>
    <link-entity name="bookableresourcebooking" from="msdyn_workorder" to="msdyn_workorderid" alias="b" link-type="outer">
    <attribute name="name"/><attribute name="duration"/><order attribute="bookableresourcebookingid"/></link-entity></entity></fetch>`, { minRows: 15 }),
  entry('entityname condition in the root filter on an inner join, ordered by the joined column', 'contact', `<fetch><entity name="contact">
    <attribute name="fullname"/><filter type="or"><condition entityname="acc" attribute="revenue" operator="gt" value="4800000"/>
    <condition attribute="jobtitle" operator="null"/></filter><order entityname="acc" attribute="name"/><order attribute="contactid"/>
    <link-entity name="account" from="accountid" to="parentcustomerid" alias="acc"><attribute name="revenue"/></link-entity></entity></fetch>`, { minRows: 5 }),
  entry('link-entity all-attributes', 'contact', `<fetch><entity name="contact"><attribute name="fullname"/>
    <filter><condition attribute="address1_city" operator="eq" value="Seattle"/><condition attribute="jobtitle" operator="like" value="%Manager"/></filter>
    <order attribute="contactid"/><link-entity name="account" from="accountid" to="parentcustomerid" alias="a"><all-attributes/></link-entity></entity></fetch>`,
    { minRows: 2 }),
  entry('nested inner link-entities: booking → work order → account', 'bookableresourcebooking', `<fetch><entity name="bookableresourcebooking">
    <attribute name="name"/><attribute name="starttime"/><order attribute="bookableresourcebookingid"/>
    <link-entity name="msdyn_workorder" from="msdyn_workorderid" to="msdyn_workorder" alias="wo"><attribute name="msdyn_name"/>
    <filter><condition attribute="msdyn_priority" operator="eq" value="3"/></filter>
    <link-entity name="account" from="accountid" to="msdyn_serviceaccount" alias="acc"><attribute name="name"/>
    <filter><condition attribute="statecode" operator="eq" value="0"/></filter></link-entity></link-entity></entity></fetch>`, { minRows: 30 }),
  entry('link-type any with a nested filter', 'account', `<fetch><entity name="account"><attribute name="name"/><order attribute="accountid"/>
    <filter><link-entity name="contact" from="parentcustomerid" to="accountid" link-type="any"><filter type="or">
    <condition attribute="jobtitle" operator="eq" value="Operations Director"/><condition attribute="donotemail" operator="eq" value="1"/></filter>
    </link-entity></filter></entity></fetch>`, { minRows: 50 }),
  entry('link-type not any', 'account', `<fetch><entity name="account"><attribute name="name"/><order attribute="accountid"/>
    <filter><link-entity name="msdyn_workorder" from="msdyn_serviceaccount" to="accountid" link-type="not any">
    <filter><condition attribute="msdyn_priority" operator="ne" value="2"/></filter></link-entity></filter></entity></fetch>`, { minRows: 30 }),
  entry('link-type exists', 'account', `<fetch><entity name="account"><attribute name="name"/><order attribute="accountid"/>
    <link-entity name="msdyn_customerasset" from="msdyn_account" to="accountid" link-type="exists">
    <filter><condition attribute="msdyn_manufacturer" operator="eq" value="Contoso Pumps"/></filter></link-entity></entity></fetch>`, { minRows: 10 }),
  entry('link-type in', 'contact', `<fetch><entity name="contact"><attribute name="fullname"/><order attribute="contactid"/>
    <link-entity name="account" from="accountid" to="parentcustomerid" link-type="in">
    <filter><condition attribute="revenue" operator="ge" value="4000000"/></filter></link-entity></entity></fetch>`, { minRows: 30 }),
  entry('any inside an or filter', 'account', `<fetch><entity name="account"><attribute name="name"/><attribute name="address1_city"/><order attribute="accountid"/>
    <filter type="or"><condition attribute="address1_city" operator="eq" value="Porto"/>
    <link-entity name="contact" from="parentcustomerid" to="accountid" link-type="any">
    <filter><condition attribute="jobtitle" operator="eq" value="Purchasing Lead"/><condition attribute="address1_city" operator="eq" value="Leeds"/></filter>
    </link-entity></filter></entity></fetch>`, { minRows: 20, maxRows: 120 }),
  entry('not any inside a filter with nested any: accounts with work orders but none booked for 240 minutes', 'account', `<fetch>
    <entity name="account"><attribute name="name"/><order attribute="accountid"/><filter>
    <link-entity name="msdyn_workorder" from="msdyn_serviceaccount" to="accountid" link-type="any"/>
    <link-entity name="msdyn_workorder" from="msdyn_serviceaccount" to="accountid" link-type="not any">
    <filter><link-entity name="bookableresourcebooking" from="msdyn_workorder" to="msdyn_workorderid" link-type="any">
    <filter><condition attribute="duration" operator="eq" value="240"/></filter></link-entity></filter></link-entity></filter></entity></fetch>`, { minRows: 30 }),
  entry('inner join with an any inside it', 'msdyn_workorder', `<fetch><entity name="msdyn_workorder"><attribute name="msdyn_name"/>
    <order attribute="msdyn_workorderid"/><link-entity name="account" from="accountid" to="msdyn_serviceaccount" alias="acc"><attribute name="name"/>
    <filter><link-entity name="msdyn_customerasset" from="msdyn_account" to="accountid" link-type="any">
    <filter><condition attribute="msdyn_manufacturer" operator="eq" value="Northwind Compressors"/></filter></link-entity></filter></link-entity></entity></fetch>`,
    { minRows: 10 }),
];
