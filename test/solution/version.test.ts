/** package.json's version is the only version: every control manifest and the solution follow it. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlFolders, readPackageVersion } from '../../solution/tools/pack';
import { onlyChild, parseXml } from '../../solution/tools/xml';
import { SUITE_VERSION } from '../../SyncEngine/contracts/suiteVersion';

const ROOT = join(__dirname, '..', '..');
const VERSION_SCRIPT = join(ROOT, 'scripts', 'version.mjs');

const controlVersion = (manifestPath: string): string | undefined =>
  onlyChild(parseXml(readFileSync(manifestPath, 'utf8')), 'control').attributes.get('version');

describe('control manifest versions', () => {
  it('covers the three controls', () => {
    expect(controlFolders(ROOT)).toEqual(['OfflineStatusPage', 'SyncNotifications', 'SyncStatusIcon']);
  });

  it.each(['OfflineStatusPage', 'SyncNotifications', 'SyncStatusIcon'])('%s agrees with package.json', (control) => {
    expect(controlVersion(join(ROOT, control, 'ControlManifest.Input.xml'))).toBe(readPackageVersion(ROOT));
  });

  it('gives the bundles package.json\'s version at run time (SUITE_VERSION)', () => {
    expect(SUITE_VERSION).toBe(readPackageVersion(ROOT));
  });

  it('passes scripts/version.mjs --check', () => {
    const result = spawnSync(process.execPath, [VERSION_SCRIPT, '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('scripts/version.mjs on a scratch copy', () => {
  let root: string;
  const manifest = (version: string): string =>
    `<?xml version="1.0" encoding="utf-8" ?>\n<manifest>\n  <control namespace="N" constructor="C" version="${version}" display-name-key="D">\n`
    + '    <resources><code path="index.ts" order="1" /><resx path="strings/C.1033.resx" version="1.0.0" /></resources>\n'
    + '  </control>\n</manifest>\n';
  const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'scripts', 'version.mjs'), ...args], { cwd: root, encoding: 'utf8' });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'oss-version-'));
    mkdirSync(join(root, 'scripts'));
    cpSync(VERSION_SCRIPT, join(root, 'scripts', 'version.mjs'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '2.3.4' }));
    mkdirSync(join(root, 'Ctl'));
    writeFileSync(join(root, 'Ctl', 'ControlManifest.Input.xml'), manifest('0.0.1'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('reports a disagreeing manifest with --check and leaves it alone', () => {
    const result = run('--check');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Ctl/ControlManifest.Input.xml');
    expect(controlVersion(join(root, 'Ctl', 'ControlManifest.Input.xml'))).toBe('0.0.1');
  });

  it('rewrites only the control version attribute', () => {
    expect(run().status).toBe(0);
    expect(readFileSync(join(root, 'Ctl', 'ControlManifest.Input.xml'), 'utf8')).toBe(manifest('2.3.4'));
    expect(run('--check').status).toBe(0);
  });

  it('refuses a package version PCF cannot use', () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '1.0.0-beta.1' }));
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('MAJOR.MINOR.PATCH');
  });
});
