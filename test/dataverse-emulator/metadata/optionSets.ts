/**
 * The choices of the emulator's columns, with their labels in the three languages: the values the seed writes
 * (`seed.ts`) and the labels Dataverse and Field Service give them. State and status are the same on every table
 * here: Active (status Active) and Inactive (status Inactive).
 */
import type { Labels } from './labels';

export interface OptionDefinition {
  value: number;
  labels: Labels;
  /** Status options: the state they belong to. */
  state?: number;
}

const INDUSTRIES: readonly Labels[] = [
  ['Accounting', 'Buchhaltung', 'Comptabilité'],
  ['Agriculture and Non-petrol Natural Resource Extraction', 'Landwirtschaft und Rohstoffgewinnung', 'Agriculture et extraction de ressources naturelles'],
  ['Broadcasting Printing and Publishing', 'Rundfunk, Druck und Verlagswesen', 'Radiodiffusion, impression et édition'],
  ['Brokers', 'Makler', 'Courtiers'],
  ['Building Supply Retail', 'Baustoffhandel', 'Vente de matériaux de construction'],
  ['Business Services', 'Unternehmensdienstleistungen', 'Services aux entreprises'],
  ['Consulting', 'Beratung', 'Conseil'],
  ['Consumer Services', 'Verbraucherdienstleistungen', 'Services aux consommateurs'],
  ['Design, Direction and Creative Management', 'Design und Kreativmanagement', 'Design et direction artistique'],
  ['Distributors, Dispatchers and Processors', 'Großhändler und Verarbeiter', 'Distributeurs et transformateurs'],
  ["Doctor's Offices and Clinics", 'Arztpraxen und Kliniken', 'Cabinets médicaux et cliniques'],
  ['Durable Manufacturing', 'Gebrauchsgüterherstellung', 'Fabrication de biens durables'],
  ['Eating and Drinking Places', 'Gastronomie', 'Restauration'],
  ['Entertainment Retail', 'Unterhaltungseinzelhandel', 'Vente de divertissement'],
  ['Equipment Rental and Leasing', 'Geräteverleih und Leasing', "Location d'équipement"],
  ['Financial', 'Finanzwesen', 'Finance'],
  ['Food and Tobacco Processing', 'Lebensmittel- und Tabakverarbeitung', 'Transformation alimentaire et du tabac'],
  ['Inbound Capital Intensive Processing', 'Kapitalintensive Verarbeitung', 'Transformation à forte intensité de capital'],
  ['Inbound Repair and Services', 'Reparatur und Service', 'Réparation et services'],
  ['Insurance', 'Versicherungen', 'Assurance'],
  ['Legal Services', 'Rechtsberatung', 'Services juridiques'],
  ['Non-Durable Merchandise Retail', 'Verbrauchsgütereinzelhandel', 'Vente de biens non durables'],
  ['Outbound Consumer Service', 'Kundendienst vor Ort', 'Service aux consommateurs à domicile'],
  ['Petrochemical Extraction and Distribution', 'Petrochemie', 'Extraction et distribution pétrochimiques'],
  ['Service Retail', 'Dienstleistungseinzelhandel', 'Vente de services'],
  ['SIG Affiliations', 'SIG-Mitgliedschaften', 'Affiliations SIG'],
  ['Social Services', 'Sozialdienste', 'Services sociaux'],
  ['Special Outbound Trade Contractors', 'Spezialisierte Handwerksbetriebe', 'Entrepreneurs spécialisés'],
  ['Specialty Realty', 'Spezialimmobilien', 'Immobilier spécialisé'],
  ['Transportation', 'Transport', 'Transport'],
  ['Utility Creation and Distribution', 'Versorgungsunternehmen', "Production et distribution d'énergie"],
  ['Vehicle Retail', 'Fahrzeughandel', 'Vente de véhicules'],
  ['Wholesale', 'Großhandel', 'Vente en gros'],
];

const options = (first: number, labels: readonly Labels[]): OptionDefinition[] => labels.map((l, index) => ({ value: first + index, labels: l }));

/** Picklist columns and their local option sets. */
export const PICKLISTS: Readonly<Partial<Record<string, readonly OptionDefinition[]>>> = {
  industrycode: options(1, INDUSTRIES),
  msdyn_systemstatus: options(690970000, [
    ['Unscheduled', 'Nicht geplant', 'Non planifié'],
    ['Scheduled', 'Geplant', 'Planifié'],
    ['In Progress', 'In Bearbeitung', 'En cours'],
    ['Completed', 'Abgeschlossen', 'Terminé'],
    ['Posted', 'Gebucht', 'Validé'],
    ['Canceled', 'Abgebrochen', 'Annulé'],
  ]),
  msdyn_priority: options(1, [['High', 'Hoch', 'Élevée'], ['Normal', 'Normal', 'Normale'], ['Low', 'Niedrig', 'Faible']]),
  bookingtype: options(1, [['Liquid', 'Flüssig', 'Liquide'], ['Solid', 'Fest', 'Fixe']]),
  msdyn_worklocation: options(690970000, [['Onsite', 'Vor Ort', 'Sur site'], ['Facility', 'Einrichtung', 'Installation'], ['Location Agnostic', 'Ortsunabhängig', 'Indépendant du lieu']]),
};

export const STATE_OPTIONS: readonly OptionDefinition[] = [
  { value: 0, labels: ['Active', 'Aktiv', 'Actif'] },
  { value: 1, labels: ['Inactive', 'Inaktiv', 'Inactif'] },
];

export const STATUS_OPTIONS: readonly OptionDefinition[] = [
  { value: 1, labels: ['Active', 'Aktiv', 'Actif'], state: 0 },
  { value: 2, labels: ['Inactive', 'Inaktiv', 'Inactif'], state: 1 },
];

/** Two-option columns: [false, true]. */
export const BOOLEANS: Readonly<Partial<Record<string, readonly [Labels, Labels]>>> = {
  donotemail: [['Allow', 'Zulassen', 'Autoriser'], ['Do Not Allow', 'Nicht zulassen', 'Ne pas autoriser']],
};
