import { MalformedResponseError, OfflineProfileError } from '../../contracts/errors';
import type { OfflineProfile } from '../../contracts/profile';
import type { ProfileRecord } from '../../core/profile/dataverseRecords';
import { fromDataverse } from '../../core/profile/fromDataverse';
import type { ODataHttp } from './ODataHttp';
import { getAll, getJson, readProfileRecords } from './profileRecordsReader';

/** How the profile was found: the maker's name, the user's own profile, or the organisation's default. */
export type ProfileSource = 'name' | 'user' | 'organization';

export interface ProfileReading {
  /** `organization.isconflictdetectionenabledformobileclient`: false (device wins) unless the org says yes. */
  conflictDetection: boolean;
  /** Absent when no name was given and neither the user nor the organisation has a profile. */
  found?: {
    profile: OfflineProfile;
    /** Tables left out of the profile, each with its reason. */
    problems: OfflineProfileError[];
    source: ProfileSource;
  };
}

export interface ReadProfileOptions {
  http: ODataHttp;
  /** The signed-in user (`systemuserid`), whose assigned profile is looked up. */
  userId: string;
  /** The maker's `offlineProfileName`; empty or absent means "find the user's profile". */
  profileName?: string;
  signal?: AbortSignal;
}

/**
 * The app's offline profile as Dataverse holds it. Found in this order: the profile the maker named; else the
 * user's `systemuser.mobileofflineprofileid`; else `organization.defaultmobileofflineprofileid`. A user is a member
 * of a profile when it is their own, or when they have none and it is the organisation's default.
 * @throws OfflineProfileError `profile-not-found` (the name, or a pointer, leads nowhere), `profile-not-member`,
 *   `profile-empty`; any other catalogued error when the service cannot be read (the caller may fall back).
 */
export async function readDataverseProfile(options: ReadProfileOptions): Promise<ProfileReading> {
  const { http, signal } = options;
  const organizations = await getAll(http, 'organizations?$select=isconflictdetectionenabledformobileclient,_defaultmobileofflineprofileid_value', signal);
  const organization = organizations.at(0);
  if (!organization) throw new MalformedResponseError('The organization table answered no row.');
  const conflictDetection = organization.isconflictdetectionenabledformobileclient === true;
  const orgDefault = idOf(organization._defaultmobileofflineprofileid_value);
  const user = await getJson(http, `systemusers(${options.userId})?$select=_mobileofflineprofileid_value`, signal);
  const own = idOf(user?._mobileofflineprofileid_value);
  const member = own ?? orgDefault;
  const name = options.profileName?.trim();
  let profile: ProfileRecord | null;
  let source: ProfileSource;
  if (name) {
    profile = await profileByName(http, name, signal);
    if (idOf(profile.mobileofflineprofileid) !== member) {
      throw new OfflineProfileError('profile-not-member', `You are not a member of the offline profile "${name}".`, {
        askMaker: `Ask your administrator to add you to the offline profile "${name}", or the app's maker to name the profile your users have.`,
      });
    }
    source = 'name';
  } else {
    if (member === undefined) return { conflictDetection };
    profile = await getJson(http, `mobileofflineprofiles(${member})?$select=mobileofflineprofileid,name`, signal) as ProfileRecord | null;
    if (!profile) {
      throw new OfflineProfileError('profile-not-found', `The offline profile ${member} assigned to you does not exist any more.`, {
        askMaker: 'Ask your administrator to assign you an offline profile that exists.',
      });
    }
    source = own !== undefined ? 'user' : 'organization';
  }
  const mapped = fromDataverse(await readProfileRecords(http, profile, signal));
  return { conflictDetection, found: { ...mapped, source } };
}

async function profileByName(http: ODataHttp, name: string, signal?: AbortSignal): Promise<ProfileRecord> {
  const filter = encodeURIComponent(`name eq '${name.replace(/'/g, "''")}'`);
  const [profile] = (await getAll(http, `mobileofflineprofiles?$select=mobileofflineprofileid,name&$filter=${filter}`, signal)) as unknown as ProfileRecord[];
  if (!(profile as ProfileRecord | undefined)) {
    throw new OfflineProfileError('profile-not-found', `There is no offline profile named "${name}".`, {
      askMaker: `Ask the app's maker to check the "Offline profile name" property: no profile is called "${name}".`,
    });
  }
  return profile;
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.replace(/[{}]/g, '').toLowerCase() : undefined;
}
