import { codeMessage } from '../../../components/statusPage/codeText';
import { STATUS_PAGE_TRANSLATIONS } from '../../../components/statusPage/statusPageStrings.translations';
import { errorMessage, makeText } from '../../../components/statusPage/text';
import { NetworkError, PrivilegeError, RejectedError } from '../../../SyncEngine/contracts';

const english = makeText(() => '');
const german = makeText((key) => (STATUS_PAGE_TRANSLATIONS['1031'] as Record<string, string>)[key] ?? key);

describe('codes in words', () => {
  it('says what a code means, in the user’s language, never the code itself', () => {
    expect(codeMessage('privilege', english)).toBe('Your security roles do not allow this. Ask your administrator for access.');
    expect(codeMessage('privilege', german)).toBe('Ihre Sicherheitsrollen erlauben das nicht. Bitten Sie Ihren Administrator um Zugriff.');
    expect(codeMessage('table-not-readable', english)).not.toContain('table-not-readable');
  });

  it('has a plain sentence for a code this UI does not know yet', () => {
    expect(codeMessage('0x80040265', english)).toBe('Something went wrong.');
  });

  it('says a failed action’s context-free cause in words, and keeps the message that names what was asked', () => {
    expect(errorMessage(new NetworkError('fetch failed'), german)).toBe('Das Gerät konnte den Server nicht erreichen.');
    expect(errorMessage(new PrivilegeError('403 Forbidden'), english)).toBe('Your security roles do not allow this. Ask your administrator for access.');
    expect(errorMessage(new RejectedError('Table "x" is not in the offline profile.'), english)).toBe('Table "x" is not in the offline profile.');
  });
});
