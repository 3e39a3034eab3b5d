/**
 * A code component that may call a domain outside Dataverse must say so in its manifest (`external-service-usage`,
 * which makes it premium). The only outside calls the suite makes are the optional Application Insights telemetry:
 * these sentences tie the declared domains to the endpoints the sink really posts to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConnectionString } from '../../SyncEngine/adapters/telemetry/appInsightsEnvelope';
import { childrenNamed, onlyChild, parseXml, type XmlElement } from '../../solution/tools/xml';

const ROOT = join(__dirname, '..', '..');
const CONTROLS = ['SyncStatusIcon', 'OfflineStatusPage', 'SyncNotifications'];

function controlElement(control: string): XmlElement {
  const manifest = parseXml(readFileSync(join(ROOT, control, 'ControlManifest.Input.xml'), 'utf8'));
  return onlyChild(manifest, 'control');
}

function declaredDomains(control: string): { enabled: string | undefined; domains: string[] } {
  const usage = childrenNamed(controlElement(control), 'external-service-usage');
  expect(usage).toHaveLength(1);
  const [element] = usage;
  return { enabled: element.attributes.get('enabled'), domains: childrenNamed(element, 'domain').map((d) => d.text.trim()) };
}

/** A declared domain covers a host exactly, or as `*.suffix` any host below that suffix. */
function covers(domain: string, host: string): boolean {
  return domain.startsWith('*.') ? host.endsWith(domain.slice(1)) && host.length > domain.length - 1 : host === domain;
}

const INGESTION_HOSTS = {
  'no IngestionEndpoint (the classic global endpoint)': 'InstrumentationKey=00000000-0000-0000-0000-000000000001',
  'a regional endpoint, as Azure writes connection strings today':
    'InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/',
  'another region': 'InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com',
};

describe('external service usage', () => {
  it.each(CONTROLS)('%s declares external service usage, enabled, with the Application Insights ingestion domains', (control) => {
    const { enabled, domains } = declaredDomains(control);
    expect(enabled).toBe('true');
    expect(domains).toEqual(['dc.services.visualstudio.com', '*.in.applicationinsights.azure.com']);
  });

  it.each(Object.entries(INGESTION_HOSTS))('the host the telemetry sink posts to with %s is declared by every control', (_, connectionString) => {
    const host = new URL(parseConnectionString(connectionString).trackUrl).host;
    for (const control of CONTROLS) expect(declaredDomains(control).domains.some((domain) => covers(domain, host))).toBe(true);
  });

  it('the declaration comes before the properties, where pac pcf init puts it', () => {
    for (const control of CONTROLS) {
      const names = controlElement(control).children.map((child) => child.name);
      expect(names.indexOf('external-service-usage')).toBeLessThan(names.indexOf('property'));
    }
  });
});
