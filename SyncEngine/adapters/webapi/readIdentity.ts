import type { Identity } from '../../contracts/HostEnvironment';

const HEADERS = { Accept: 'application/json', 'OData-Version': '4.0', 'OData-MaxVersion': '4.0' };
/** A service that does not answer in this time is taken as unreachable: the engine starts on what it kept. */
export const IDENTITY_TIMEOUT_MS = 10_000;

/**
 * The signed-in user as the service knows them: `WhoAmI` for the user and business unit, then the teams the user
 * belongs to (`systemusers(id)/teammembership_association`), which "owned by my teams" filters and FetchXML
 * `eq-userteams` compare with. Answers what it could read: nothing offline, no teams when the team read fails.
 */
export async function readIdentity(baseUrl: string, fetcher: typeof fetch = fetch, timeoutMs = IDENTITY_TIMEOUT_MS): Promise<Partial<Identity>> {
  const signal = AbortSignal.timeout(timeoutMs);
  const response = await fetcher(`${baseUrl}WhoAmI`, { headers: HEADERS, signal });
  if (!response.ok) return {};
  const body = (await response.json()) as { UserId?: string; BusinessUnitId?: string };
  if (!body.UserId) return {};
  const userId = normaliseId(body.UserId);
  const identity: Partial<Identity> = { userId, ...(body.BusinessUnitId ? { businessUnitId: normaliseId(body.BusinessUnitId) } : {}) };
  const teams = await readTeams(baseUrl, userId, fetcher, signal).catch(() => undefined);
  return teams ? { ...identity, teamIds: teams } : identity;
}

async function readTeams(baseUrl: string, userId: string, fetcher: typeof fetch, signal: AbortSignal): Promise<string[] | undefined> {
  const teams: string[] = [];
  let url: string | undefined = `${baseUrl}systemusers(${userId})/teammembership_association?$select=teamid`;
  while (url) {
    const response = await fetcher(url, { headers: HEADERS, signal });
    if (!response.ok) return undefined;
    const page = (await response.json()) as { value?: { teamid?: unknown }[]; '@odata.nextLink'?: string };
    if (!Array.isArray(page.value)) return undefined;
    for (const team of page.value) if (typeof team.teamid === 'string') teams.push(normaliseId(team.teamid));
    url = page['@odata.nextLink'];
  }
  return teams;
}

export function normaliseId(id: string): string {
  return id.replace(/[{}]/g, '').toLowerCase();
}
