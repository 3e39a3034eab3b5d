import { localeFromLcid } from '../shared/format';
import type { Translate } from '../shared/strings';

/** The part of a PCF context the components need for text: structural, so every control's context fits. */
export interface TextContext {
  resources: { getString(id: string): string };
  userSettings: { languageId: number };
}

/** `t(key)` backed by the control's resx, falling back to the key so a missing string is visible, not blank. */
export function translatorFor(context: TextContext): Translate {
  return (key) => {
    const value = context.resources.getString(key);
    return value === '' ? key : value;
  };
}

/** The user's Dataverse language as a BCP 47 tag for `Intl`. */
export function localeFor(context: TextContext): string {
  return localeFromLcid(context.userSettings.languageId);
}

interface XrmFormData {
  refresh?(save: boolean): Promise<unknown> | undefined;
}

/**
 * The host's "refresh the current view" when it has one, else undefined. Only the control adapter feature-detects
 * this, so the components stay free of `Xrm` and testable with a plain callback.
 */
export function hostRefresh(): (() => void) | undefined {
  const xrm = (globalThis as { Xrm?: { Page?: { data?: XrmFormData } } }).Xrm;
  const data = xrm?.Page?.data;
  if (typeof data?.refresh !== 'function') return undefined;
  return () => {
    void Promise.resolve(data.refresh?.(false)).catch(() => undefined);
  };
}
