import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMULATOR_USER } from './index';

describe('the pcf-start harness user', () => {
  it('is the emulator’s signed-in user, as an app’s context user is the one WhoAmI answers', () => {
    // harnessServer.mjs is an ES module jest cannot load: its constant is read as text.
    const source = readFileSync(join(__dirname, '..', '..', 'scripts', 'lib', 'harnessServer.mjs'), 'utf8');
    expect(/export const HARNESS_USER_ID = '([0-9a-f-]+)'/.exec(source)?.[1]).toBe(EMULATOR_USER.userId);
  });
});
