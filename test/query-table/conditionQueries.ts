import { EMULATOR_USER } from '../dataverse-emulator/tables';
import { FIXTURE_ACCOUNT } from './fixtureRows';
import { entry, type QueryEntry } from './QueryEntry';

/** A query over `table` returning `columns` (and the key), filtered by `conditions`, in key order. */
function where(table: string, key: string, columns: string[], conditions: string): string {
  const attributes = columns.map((column) => `<attribute name="${column}"/>`).join('');
  return `<fetch><entity name="${table}">${attributes}<filter>${conditions}</filter><order attribute="${key}"/></entity></fetch>`;
}

const account = (name: string, conditions: string, extra: Partial<QueryEntry> = {}): QueryEntry =>
  entry(name, 'account', where('account', 'accountid', ['name', 'address1_city', 'revenue', 'telephone1'], conditions), extra);
const contact = (name: string, conditions: string, extra: Partial<QueryEntry> = {}): QueryEntry =>
  entry(name, 'contact', where('contact', 'contactid', ['fullname', 'jobtitle', 'parentcustomerid'], conditions), extra);

/**
 * Comparison, null, list, range and owner operators. Fixture rows with null columns make `ne`, `not-in`,
 * `not-between` and `not-null` say what they do with nulls; values differ in case from the data where strings
 * are compared, because Dataverse compares text case-insensitively.
 */
export const COMPARISON_QUERIES: QueryEntry[] = [
  account('eq on text, case-insensitive', '<condition attribute="address1_city" operator="eq" value="sEATTLE"/>', { minRows: 10 }),
  contact('ne on text with null job titles', '<condition attribute="jobtitle" operator="ne" value="plant engineer"/>', { minRows: 200 }),
  contact('neq (the old spelling of ne)', '<condition attribute="jobtitle" operator="neq" value="Site Supervisor"/>', { minRows: 200 }),
  account('gt and lt on money', '<condition attribute="revenue" operator="gt" value="1000000"/><condition attribute="revenue" operator="lt" value="1500000"/>', { minRows: 5 }),
  account('ge and le on whole numbers (bounds included)', '<condition attribute="numberofemployees" operator="ge" value="40"/><condition attribute="numberofemployees" operator="le" value="400"/>', { minRows: 5 }),
  account('between (inclusive) with <value> children', '<condition attribute="revenue" operator="between"><value>1200000</value><value>2000000</value></condition>', { minRows: 20 }),
  account('not-between, with null revenues', '<condition attribute="revenue" operator="not-between"><value>500000</value><value>4800000</value></condition>', { minRows: 5 }),
  account('in with a <value> list of cities', '<condition attribute="address1_city" operator="in"><value>Oslo</value><value>porto</value><value>GRAZ</value></condition>', { minRows: 20 }),
  account('not-in on whole numbers, with null industry codes', '<condition attribute="industrycode" operator="not-in"><value>1</value><value>2</value><value>3</value><value>4</value><value>5</value></condition>', { minRows: 150 }),
  account('null on text', '<condition attribute="telephone1" operator="null"/>', { minRows: 2, maxRows: 2 }),
  contact('not-null on a lookup', '<condition attribute="jobtitle" operator="null"/><condition attribute="parentcustomerid" operator="not-null"/>', { minRows: 1, maxRows: 1 }),
  contact('eq on a lookup with an upper-case, braced GUID', `<condition attribute="parentcustomerid" operator="eq" value="{${FIXTURE_ACCOUNT(1).toUpperCase()}}"/>`, { minRows: 1 }),
  contact('in on a lookup', `<condition attribute="parentcustomerid" operator="in"><value>${FIXTURE_ACCOUNT(1)}</value><value>${FIXTURE_ACCOUNT(2)}</value></condition>`, { minRows: 2, maxRows: 2 }),
  entry('eq on a yes/no column with 1', 'contact', where('contact', 'contactid', ['fullname', 'donotemail'], '<condition attribute="donotemail" operator="eq" value="1"/>'), { minRows: 30 }),
  entry('gt on a date-only value', 'msdyn_customerasset', where('msdyn_customerasset', 'msdyn_customerassetid', ['msdyn_name', 'msdyn_installdate'], '<condition attribute="msdyn_installdate" operator="gt" value="2024-06-30"/>'), { minRows: 5 }),
  entry('valueof: one column against another', 'bookableresourcebooking', where('bookableresourcebooking', 'bookableresourcebookingid', ['duration', 'msdyn_estimatedtravelduration'], '<condition attribute="msdyn_estimatedtravelduration" operator="gt" valueof="duration"/>'), { minRows: 10, maxRows: 190 }),
  account('eq-userid on the owner', '<condition attribute="ownerid" operator="eq-userid"/><condition attribute="revenue" operator="gt" value="4000000"/>', { minRows: 10 }),
  account('ne-userid on the owner', '<condition attribute="ownerid" operator="ne-userid"/>', { minRows: 20 }),
  account('eq-userteams on the owner', '<condition attribute="ownerid" operator="eq-userteams"/>', { minRows: 2 }),
  contact('eq-useroruserteams on the owner', '<condition attribute="ownerid" operator="eq-useroruserteams"/><condition attribute="jobtitle" operator="null"/>', { minRows: 2 }),
  account('eq-businessid on the owning business unit', '<condition attribute="owningbusinessunit" operator="eq-businessid"/><condition attribute="address1_city" operator="eq" value="Munich"/>', { minRows: 10 }),
  account('ne-businessid on the owning business unit', '<condition attribute="owningbusinessunit" operator="ne-businessid"/>', { minRows: 10 }),
  contact('eq on a GUID written as text', `<condition attribute="ownerid" operator="eq" value="${EMULATOR_USER.userId.toUpperCase()}"/><condition attribute="lastname" operator="eq" value="o'brien"/>`, { minRows: 10 }),
];

const byName = (name: string, operator: string, value: string, extra: Partial<QueryEntry> = {}): QueryEntry =>
  entry(name, 'account', `<fetch><entity name="account"><attribute name="name"/><filter>
    <condition attribute="name" operator="${operator}" value="${value}"/></filter><order attribute="accountid"/></entity></fetch>`, extra);
const byTitle = (name: string, operator: string, value: string, extra: Partial<QueryEntry> = {}): QueryEntry =>
  entry(name, 'contact', `<fetch><entity name="contact"><attribute name="fullname"/><attribute name="jobtitle"/><filter>
    <condition attribute="jobtitle" operator="${operator}" value="${value}"/></filter><order attribute="contactid"/></entity></fetch>`, extra);

/**
 * like, begins-with, ends-with and their negations with Dataverse's wildcards: `%` any run, `_` one character,
 * `[…]` a set or range, `[^…]` not in it, and a bracketed wildcard matching itself. The fixture accounts
 * "100% Quality Parts", "Under_Score Works" and "[Bracket] Supplies" hold the wildcard characters literally;
 * the fixture contacts with null job titles show what the negations do with nulls.
 */
export const STRING_QUERIES: QueryEntry[] = [
  byName('like with % on both sides, case-insensitive', 'like', '%SKI house%', { minRows: 5 }),
  byName('like with _ for one character', 'like', 'W_ngtip%', { minRows: 5 }),
  byName('like with a [set] of first letters', 'like', '[ACN]%', { minRows: 30 }),
  byName('like with a [range]', 'like', '%Ltd [1-3]_', { minRows: 2 }),
  byName('like with a [^negated] set', 'like', '[^A-T]%', { minRows: 20 }),
  byName('like with a bracketed % matching itself', 'like', '%[%]%', { minRows: 1, maxRows: 1 }),
  byName('like with a bracketed _ matching itself', 'like', '%[_]%', { minRows: 1, maxRows: 1 }),
  byName('like with a bracketed [ matching itself', 'like', '[[]%', { minRows: 1, maxRows: 1 }),
  byTitle('not-like, with null job titles', 'not-like', '%engineer%', { minRows: 200 }),
  byName('begins-with, case-insensitive', 'begins-with', 'north', { minRows: 10 }),
  byName('begins-with holding a _ wildcard', 'begins-with', 'Tail_pin', { minRows: 5 }),
  byName('not-begin-with', 'not-begin-with', 'C', { minRows: 150 }),
  byName('ends-with', 'ends-with', '7', { minRows: 15 }),
  byName('ends-with holding a [range]', 'ends-with', ' 1[0-4]', { minRows: 2 }),
  byTitle('not-end-with, with null job titles', 'not-end-with', 'lead', { minRows: 200 }),
  entry('like with an apostrophe in the value', 'contact', `<fetch><entity name="contact">
    <attribute name="fullname"/><filter><condition attribute="fullname" operator="like" value="%o'b%"/></filter><order attribute="contactid"/></entity></fetch>`,
    { minRows: 10 }),
];
