import { PROPERTY } from '../../components/control/properties';
import { readResx } from './resx';

export { readResx } from './resx';

let english: Map<string, string> | undefined;

/** PCF's getString: the text for a key, or the key itself when the table lacks it (what the real host does). */
export function englishString(key: string): string {
  english ??= readResx('1033');
  return english.get(key) ?? key;
}

export interface MockContextOptions {
  /** Raw property values by manifest name, e.g. `{ offlineProfile: '{"tables":[]}', size: 'large' }`. */
  parameters?: Readonly<Record<string, unknown>>;
  userId?: string;
  getString?: (key: string) => string;
  languageId?: number;
  networkAvailable?: boolean;
}

/** The PCF context the controls get, with the parts tests drive or inspect as jest mocks. */
export type MockContext<TInputs> = ComponentFramework.Context<TInputs> & {
  factory: { requestRender: jest.Mock<void, []> };
  client: { isNetworkAvailable: jest.Mock<boolean, []> };
};

export const TEST_USER_ID = '{11111111-1111-4111-8111-111111111111}';

/**
 * One PCF context mock for every control: every manifest property is present (`raw: null` unless given), strings
 * come from the master 1033 resx, and `requestRender` / `isNetworkAvailable` are jest mocks.
 */
export function makeMockContext<TInputs = Record<string, ComponentFramework.PropertyTypes.Property>>(options: MockContextOptions = {}): MockContext<TInputs> {
  const parameters: Record<string, { raw: unknown; type: string }> = {};
  for (const name of Object.values(PROPERTY)) parameters[name] = { raw: null, type: 'SingleLine.Text' };
  for (const [name, raw] of Object.entries(options.parameters ?? {})) parameters[name] = { raw, type: 'SingleLine.Text' };
  const context = {
    parameters,
    resources: {
      getString: jest.fn(options.getString ?? englishString),
      getResource: jest.fn(),
    },
    userSettings: {
      userId: options.userId ?? TEST_USER_ID,
      languageId: options.languageId ?? 1033,
      userName: 'Test User',
      isRTL: false,
      securityRoles: [],
    },
    client: {
      isNetworkAvailable: jest.fn(() => options.networkAvailable ?? true),
      isOffline: jest.fn(() => false),
      getClient: jest.fn(() => 'Web'),
      getFormFactor: jest.fn(() => 1),
    },
    factory: { requestRender: jest.fn((): void => undefined) },
    mode: { isControlDisabled: false, isVisible: true, label: 'Field', allocatedHeight: -1, allocatedWidth: -1 },
  };
  return context as unknown as MockContext<TInputs>;
}
