#!/usr/bin/env node
/**
 * Copies the master string table (components/strings/OfflineSync.<lcid>.resx) into every control's
 * strings/<Control>.<lcid>.resx. PCF resolves resx files per control folder, so each control needs its own
 * copy; keeping one master means a string is translated once and the three controls never drift apart.
 *
 * Usage: node scripts/sync-resx.mjs [--check]   (--check: exit 1 when a copy is missing or stale, write nothing)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CONTROLS = ['SyncStatusIcon', 'OfflineStatusPage', 'SyncNotifications'];
export const LCIDS = ['1033', '1031', '1036'];

export function masterPath(lcid) {
  return join(ROOT, 'components', 'strings', `OfflineSync.${lcid}.resx`);
}

export function copyPath(control, lcid) {
  return join(ROOT, control, 'strings', `${control}.${lcid}.resx`);
}

/** Answers the copies that differ from the master, writing them unless `check`. */
export function syncResx({ check = false } = {}) {
  const stale = [];
  for (const lcid of LCIDS) {
    const master = readFileSync(masterPath(lcid), 'utf8');
    for (const control of CONTROLS) {
      const target = copyPath(control, lcid);
      if (existsSync(target) && readFileSync(target, 'utf8') === master) continue;
      stale.push(relative(ROOT, target));
      if (!check) {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, master);
      }
    }
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const stale = syncResx({ check });
  if (check && stale.length > 0) {
    console.error(`[sync-resx] out of date: ${stale.join(', ')} — run node scripts/sync-resx.mjs`);
    process.exit(1);
  }
  console.log(`[sync-resx] ${check ? 'checked' : 'updated'} ${stale.length === 0 ? 'nothing to do' : stale.join(', ')}`);
}
