/**
 * Display names of the emulator's tables and columns in the three languages it serves (1033 English, 1031 German,
 * 1036 French), as an org with those language packs answers them. Column names follow the Dataverse defaults where
 * Dataverse has one (account.telephone1 is "Main Phone"); columns are keyed by the row's name for them (`_x_value`
 * for lookups), since one name means the same on every table here.
 */

/** [English, German, French]. */
export type Labels = readonly [string, string, string];

export const LANGUAGES: readonly number[] = [1033, 1031, 1036];

/** The languages' places in `Labels`; undefined for a language the org has no pack for. */
export function languageIndex(languageCode: number): number | undefined {
  const index = LANGUAGES.indexOf(languageCode);
  return index < 0 ? undefined : index;
}

/** `DisplayName` and `DisplayCollectionName` per logical name. */
export const TABLE_LABELS: Readonly<Record<string, { one: Labels; many: Labels }>> = {
  account: { one: ['Account', 'Firma', 'Compte'], many: ['Accounts', 'Firmen', 'Comptes'] },
  contact: { one: ['Contact', 'Kontakt', 'Contact'], many: ['Contacts', 'Kontakte', 'Contacts'] },
  msdyn_workorder: { one: ['Work Order', 'Arbeitsauftrag', 'Ordre de travail'], many: ['Work Orders', 'Arbeitsaufträge', 'Ordres de travail'] },
  bookableresourcebooking: {
    one: ['Bookable Resource Booking', 'Buchung einer buchbaren Ressource', 'Réservation de ressource réservable'],
    many: ['Bookable Resource Bookings', 'Buchungen buchbarer Ressourcen', 'Réservations de ressources réservables'],
  },
  msdyn_customerasset: { one: ['Customer Asset', 'Kundenobjekt', 'Composant client'], many: ['Customer Assets', 'Kundenobjekte', 'Composants client'] },
};

export const COLUMN_LABELS: Readonly<Record<string, Labels>> = {
  accountid: ['Account', 'Firma', 'Compte'],
  contactid: ['Contact', 'Kontakt', 'Contact'],
  msdyn_workorderid: ['Work Order', 'Arbeitsauftrag', 'Ordre de travail'],
  bookableresourcebookingid: ['Bookable Resource Booking', 'Buchung', 'Réservation'],
  msdyn_customerassetid: ['Customer Asset', 'Kundenobjekt', 'Composant client'],
  name: ['Name', 'Name', 'Nom'],
  msdyn_name: ['Name', 'Name', 'Nom'],
  fullname: ['Full Name', 'Vollständiger Name', 'Nom complet'],
  firstname: ['First Name', 'Vorname', 'Prénom'],
  lastname: ['Last Name', 'Nachname', 'Nom'],
  jobtitle: ['Job Title', 'Position', 'Fonction'],
  accountnumber: ['Account Number', 'Kontonummer', 'Numéro de compte'],
  telephone1: ['Main Phone', 'Telefon (geschäftlich)', 'Téléphone principal'],
  mobilephone: ['Mobile Phone', 'Mobiltelefon', 'Téléphone mobile'],
  emailaddress1: ['Email', 'E-Mail', 'Adresse e-mail'],
  websiteurl: ['Website', 'Website', 'Site Web'],
  address1_line1: ['Address 1: Street 1', 'Adresse 1: Straße 1', 'Adresse 1 : rue 1'],
  address1_city: ['Address 1: City', 'Adresse 1: Ort', 'Adresse 1 : ville'],
  address1_stateorprovince: ['Address 1: State/Province', 'Adresse 1: Bundesland/Kanton', 'Adresse 1 : département'],
  address1_postalcode: ['Address 1: ZIP/Postal Code', 'Adresse 1: Postleitzahl', 'Adresse 1 : code postal'],
  address1_country: ['Address 1: Country/Region', 'Adresse 1: Land/Region', 'Adresse 1 : pays/région'],
  revenue: ['Annual Revenue', 'Jahresumsatz', "Chiffre d'affaires annuel"],
  numberofemployees: ['Number of Employees', 'Anzahl Mitarbeiter', "Nombre d'employés"],
  industrycode: ['Industry', 'Branche', 'Secteur'],
  description: ['Description', 'Beschreibung', 'Description'],
  _parentcustomerid_value: ['Company Name', 'Firmenname', 'Nom de la société'],
  donotemail: ['Do not allow Emails', 'E-Mails nicht zulassen', 'Ne pas autoriser les courriers électroniques'],
  _msdyn_serviceaccount_value: ['Service Account', 'Dienstleistungsfirma', 'Compte de service'],
  msdyn_systemstatus: ['System Status', 'Systemstatus', 'Statut système'],
  msdyn_priority: ['Priority', 'Priorität', 'Priorité'],
  msdyn_workordersummary: ['Work Order Summary', 'Zusammenfassung des Arbeitsauftrags', "Résumé de l'ordre de travail"],
  msdyn_instructions: ['Instructions', 'Anweisungen', 'Instructions'],
  msdyn_address1: ['Street 1', 'Straße 1', 'Rue 1'],
  msdyn_city: ['City', 'Ort', 'Ville'],
  msdyn_postalcode: ['ZIP/Postal Code', 'Postleitzahl', 'Code postal'],
  msdyn_latitude: ['Latitude', 'Breitengrad', 'Latitude'],
  msdyn_longitude: ['Longitude', 'Längengrad', 'Longitude'],
  msdyn_timewindowstart: ['Time Window Start', 'Beginn des Zeitfensters', 'Début de la fenêtre de temps'],
  msdyn_timewindowend: ['Time Window End', 'Ende des Zeitfensters', 'Fin de la fenêtre de temps'],
  _msdyn_workorder_value: ['Work Order', 'Arbeitsauftrag', 'Ordre de travail'],
  _resource_value: ['Resource', 'Ressource', 'Ressource'],
  starttime: ['Start Time', 'Startzeit', 'Heure de début'],
  endtime: ['End Time', 'Endzeit', 'Heure de fin'],
  duration: ['Duration', 'Dauer', 'Durée'],
  bookingtype: ['Booking Type', 'Buchungstyp', 'Type de réservation'],
  msdyn_estimatedtravelduration: ['Estimated Travel Duration', 'Geschätzte Reisedauer', 'Durée de déplacement estimée'],
  msdyn_worklocation: ['Work Location', 'Arbeitsort', 'Lieu de travail'],
  msdyn_bookingnotes: ['Booking Notes', 'Buchungsnotizen', 'Notes de réservation'],
  _msdyn_account_value: ['Account', 'Firma', 'Compte'],
  msdyn_assettag: ['Asset Tag', 'Objektkennzeichen', 'Étiquette du composant'],
  msdyn_manufacturer: ['Manufacturer', 'Hersteller', 'Fabricant'],
  msdyn_modelnumber: ['Model Number', 'Modellnummer', 'Numéro de modèle'],
  msdyn_serialnumber: ['Serial Number', 'Seriennummer', 'Numéro de série'],
  msdyn_installdate: ['Install Date', 'Installationsdatum', "Date d'installation"],
  msdyn_notes: ['Notes', 'Notizen', 'Notes'],
  statecode: ['Status', 'Status', 'Statut'],
  statuscode: ['Status Reason', 'Statusgrund', 'Raison du statut'],
  _ownerid_value: ['Owner', 'Besitzer', 'Propriétaire'],
  _owningbusinessunit_value: ['Owning Business Unit', 'Besitzende Unternehmenseinheit', 'Division propriétaire'],
  createdon: ['Created On', 'Erstellt am', 'Créé le'],
  modifiedon: ['Modified On', 'Geändert am', 'Modifié le'],
};
