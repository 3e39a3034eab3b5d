import { CONFIG_PROPERTIES } from '../../SyncEngine/index';

/**
 * Every manifest property name the three controls read, in one module. The offline configuration names come
 * from the engine so manifests, engine and controls cannot disagree.
 */
export const PROPERTY = {
  boundField: 'boundField',
  size: 'size',
  showLabel: 'showLabel',
  ...CONFIG_PROPERTIES,
} as const;

export type IconSize = 'small' | 'medium' | 'large';

const SIZES: readonly IconSize[] = ['small', 'medium', 'large'];

/** The `size` enum as the host hands it over; anything unexpected (an older form, a typo) draws medium. */
export function readIconSize(raw: unknown): IconSize {
  return SIZES.find((size) => size === raw) ?? 'medium';
}

/** TwoOptions arrive as `true`/`false`, or `null` while the form has no value yet. */
export function readFlag(raw: unknown): boolean {
  return raw === true;
}
