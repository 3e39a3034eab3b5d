import { readIdentity } from '../../SyncEngine/adapters/webapi/readIdentity';
import { EMULATOR_USER, EMULATOR_USER_TEAMS, startEmulator } from '../dataverse-emulator';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 0 });
});
afterAll(() => emulator.close());

describe('readIdentity: who the service says the user is', () => {
  it('reads the user and business unit from WhoAmI and the teams from the user\'s team memberships', async () => {
    expect(await readIdentity(emulator.baseUrl)).toEqual({
      userId: EMULATOR_USER.userId,
      businessUnitId: EMULATOR_USER.businessUnitId,
      teamIds: [...EMULATOR_USER_TEAMS],
    });
  });

  it('keeps the user and business unit when the teams cannot be read, and says nothing about teams', async () => {
    const noTeams: typeof fetch = (input, init) =>
      (input instanceof Request ? input.url : input.toString()).includes('teammembership_association') ? Promise.resolve(new Response('{"error":{"code":"0x80040220","message":"no"}}', { status: 403 })) : fetch(input, init);
    expect(await readIdentity(emulator.baseUrl, noTeams)).toEqual({ userId: EMULATOR_USER.userId, businessUnitId: EMULATOR_USER.businessUnitId });
  });

  it('answers nothing when WhoAmI fails, so the identity the host gave stays as it is', async () => {
    const down: typeof fetch = () => Promise.resolve(new Response('', { status: 503 }));
    expect(await readIdentity(emulator.baseUrl, down)).toEqual({});
  });

  it('gives up on a service that does not answer, so a start offline is not held up', async () => {
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          reject(new DOMException('timed out', 'TimeoutError'));
        });
      });
    await expect(readIdentity(emulator.baseUrl, silent, 50)).rejects.toThrow('timed out');
  });
});
