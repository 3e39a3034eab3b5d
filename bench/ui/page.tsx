/**
 * The UI benchmark's page (its own bundle, so the engine page stays as it is): React 16, react-dom and Fluent 8
 * from node_modules in production mode, with the real status page and sync icon. Everything the runner calls is
 * on `window.uiBench`.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import type { SyncStatus } from '../../SyncEngine/contracts/SyncStatus';
import { LiveStatus } from '../../components/control/LiveStatus';
import { SyncStatusIcon } from '../../components/icon/SyncStatusIcon';
import { formatNumber } from '../../components/shared/format';
import { OfflineStatusPageView } from '../../components/statusPage/OfflineStatusPageView';
import { makeText } from '../../components/statusPage/text';
import { benchPending, benchStatus, benchStatusInit, fakeEngine, iconPaintStatuses } from './fixtures';

const LOCALE = 'en-US';
let strings: Readonly<Record<string, string>> = {};

/** PCF's getString over the English master resx: the key itself when missing, as the real host answers. */
const t = (key: string): string => strings[key] ?? key;

/** One fresh mount of the status page. Times are ms from the start of `ReactDOM.render`. */
export interface PageMount {
  /** `ReactDOM.render` returned: render and commit (legacy mode is synchronous). */
  commitMs: number;
  /** Then style and layout, forced by asking for a box. */
  layoutMs: number;
  /** The next animation frame, layout forced again there: what the user can first see. */
  frameMs: number;
  /** Error rows in the DOM at that frame, and after the list's idle rendering settled. */
  errorItemsAtFrame: number;
  errorItemsSettled: number;
  tableItemsSettled: number;
  /** Elements under the page's root after settling. */
  domNodesSettled: number;
  activeErrors: number;
  tables: number;
}

/** One status change of the icon benchmark; times are ms from the status being published. */
export interface IconPaintSample {
  /** Published at the start of a frame (first thing in an animation-frame callback): the change has the frame to itself. */
  aligned: boolean;
  /** The listener returned: React rendered and committed the change (legacy roots update synchronously). */
  updatedMs: number;
  /** The frame that shows the change was painted: a task posted after that frame's rendering ran. */
  paintedMs: number;
  /** The DOM showed the new state, badge and accessible name as the listener returned. */
  domShowedIt: boolean;
}

/** The icon fed status changes through the engine's subscription, the way the control is: see {@link iconPaint}. */
export interface IconPaint {
  samples: IconPaintSample[];
  /** Changes left out of `samples` before measuring (JIT, Fluent registering each state's styles). */
  warmup: number;
  /** The first warm-up change: a page's very first status change after the icon mounted. */
  firstChangeMs: number;
  queued: number;
  /** Entries `listPending` answered (only the icon's panel reads them; it stays closed here). */
  pendingListed: number;
  activeErrors: number;
  statesSeen: string[];
  badgesSeen: string[];
  /** Median time between animation frames here: the display rate a change waits on when it lands mid-frame. */
  frameIntervalMs: number;
  iconElements: number;
  panelOpen: boolean;
  /** Elements of the open panel (its layer is outside the icon's root). */
  panelElements: number;
}

function nextFrame(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      document.body.getBoundingClientRect();
      resolve(performance.now());
    });
  });
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function listCells(root: Element, label: string): number {
  const list = [...root.querySelectorAll('[role="group"]')].find((el) => el.getAttribute('aria-label') === label);
  return list ? list.querySelectorAll('.ms-List-cell').length : 0;
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

let pageStatus: SyncStatus | undefined;

/** Mounts the page `mounts` times, each into a fresh container after the previous one is gone. */
async function pageRender(mounts: number, tableCount: number, errorCount: number, settleMs: number): Promise<PageMount[]> {
  pageStatus ??= benchStatus(tableCount, errorCount);
  const status = pageStatus;
  const engine = fakeEngine(status);
  const text = makeText(t);
  const errorsLabel = text('statusPage.errors.listLabel');
  const tablesLabel = text('statusPage.tables.listLabel');
  const samples: PageMount[] = [];
  for (let i = 0; i < mounts; i++) {
    const container = document.createElement('div');
    document.body.appendChild(container);
    await wait(50);
    const start = performance.now();
    ReactDOM.render(<OfflineStatusPageView engine={engine} status={status} t={t} locale={LOCALE} />, container);
    const committed = performance.now();
    container.getBoundingClientRect();
    const laidOut = performance.now();
    const frame = await nextFrame();
    const errorItemsAtFrame = listCells(container, errorsLabel);
    await wait(settleMs);
    samples.push({
      commitMs: committed - start,
      layoutMs: laidOut - start,
      frameMs: frame - start,
      errorItemsAtFrame,
      errorItemsSettled: listCells(container, errorsLabel),
      tableItemsSettled: listCells(container, tablesLabel),
      domNodesSettled: container.getElementsByTagName('*').length,
      activeErrors: status.activeErrors.length,
      tables: status.tables.length,
    });
    ReactDOM.unmountComponentAtNode(container);
    container.remove();
  }
  return samples;
}

function frame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Runs `then` as the first task after the current frame's rendering (style, layout, paint) has run. */
function afterThisFrame(then: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = (): void => {
    channel.port1.close();
    then();
  };
  channel.port2.postMessage(null);
}

/** Publishes `status` and times it to the paint that shows it: first thing in a frame, or from a task `offsetMs` after one. */
function timeChange(publish: (status: SyncStatus) => void, status: SyncStatus, shows: (status: SyncStatus) => boolean, offsetMs: number | null): Promise<IconPaintSample> {
  return new Promise((resolve) => {
    const run = (aligned: boolean): void => {
      const start = performance.now();
      publish(status);
      const updated = performance.now();
      const domShowedIt = shows(status);
      const painted = (): void => resolve({ aligned, updatedMs: updated - start, paintedMs: performance.now() - start, domShowedIt });
      // In a frame callback the frame's rendering comes next; from a task, the next frame's does.
      if (aligned) afterThisFrame(painted);
      else requestAnimationFrame(() => afterThisFrame(painted));
    };
    requestAnimationFrame(() => {
      if (offsetMs === null) run(true);
      else setTimeout(() => run(false), offsetMs);
    });
  });
}

/**
 * From a status change to the icon painted, with `queued` changes waiting to upload: the icon mounted as the
 * control mounts it (`LiveStatus` subscribed to the engine, `SyncStatusIcon` rendered from its status), then
 * `changes` statuses published through the engine's subscription one at a time, each showing another state than the
 * one before. Changes alternate between landing at the start of a frame and from a task at a varying point
 * after one (0-15 ms), so the second kind includes the wait for the display's next frame. Between changes the page
 * idles a few frames, as the icon does between real status changes. With `panelOpen` the user has opened the
 * status page from the icon first, so every change re-renders the page too (it lists the queued changes).
 */
async function iconPaint(changes: number, warmup: number, tableCount: number, errorCount: number, queued: number, panelOpen: boolean): Promise<IconPaint> {
  const base = benchStatusInit(tableCount, errorCount);
  const statuses = iconPaintStatuses(base, changes + warmup, queued);
  const pending = benchPending(queued, base.tables);
  const engine = fakeEngine(statuses[statuses.length - 1], pending);
  const root = document.createElement('div');
  document.body.appendChild(root);
  ReactDOM.render(
    <LiveStatus engine={engine}>{(status) => <SyncStatusIcon engine={engine} status={status} t={t} locale={LOCALE} size="medium" />}</LiveStatus>,
    root,
  );
  // LiveStatus subscribes in a passive effect, after the first paint.
  await frame();
  await wait(100);
  if (panelOpen) {
    root.querySelector('button')?.click();
    // The panel's slide-in, and its lists' rendering ahead when idle.
    await wait(1000);
  }
  const badgeText = (status: SyncStatus): string | null =>
    status.pendingCount === 0 ? null : status.pendingCount > 999 ? `${formatNumber(999, LOCALE)}+` : formatNumber(status.pendingCount, LOCALE);
  const shows = (status: SyncStatus): boolean => {
    const button = root.querySelector('button');
    const badge = root.querySelector('[data-testid="pending-badge"]');
    const count = status.pendingCount > 0 ? formatNumber(status.pendingCount, LOCALE) : null;
    return (
      button?.getAttribute('data-icon-state') === status.iconState &&
      (badge?.textContent ?? null) === badgeText(status) &&
      (count === null || (button.getAttribute('aria-label') ?? '').includes(count))
    );
  };
  const statesSeen = new Set<string>();
  const badgesSeen = new Set<string>();
  const samples: IconPaintSample[] = [];
  let firstChangeMs = NaN;
  for (let i = 0; i < statuses.length; i++) {
    await frame();
    await frame();
    await wait(5);
    const aligned = i % 2 === 0;
    const sample = await timeChange((status) => engine.publish(status), statuses[i], shows, aligned ? null : (i * 7) % 16);
    statesSeen.add(root.querySelector('button')?.getAttribute('data-icon-state') ?? '?');
    badgesSeen.add(root.querySelector('[data-testid="pending-badge"]')?.textContent ?? '(none)');
    if (i === 0) firstChangeMs = sample.paintedMs;
    if (i >= warmup) samples.push(sample);
  }
  const frames: number[] = [];
  let last = await frame();
  for (let i = 0; i < 30; i++) {
    const now = await frame();
    frames.push(now - last);
    last = now;
  }
  const iconElements = root.getElementsByTagName('*').length;
  const panelElements = document.querySelector('.ms-Panel')?.getElementsByTagName('*').length ?? 0;
  ReactDOM.unmountComponentAtNode(root);
  root.remove();
  return {
    samples,
    warmup,
    firstChangeMs,
    queued,
    pendingListed: engine.listPending().length,
    activeErrors: base.errors.filter((e) => e.state === 'active').length,
    statesSeen: [...statesSeen],
    badgesSeen: [...badgesSeen],
    frameIntervalMs: median(frames),
    iconElements,
    panelOpen,
    panelElements,
  };
}

function setStrings(table: Readonly<Record<string, string>>): number {
  strings = table;
  return Object.keys(table).length;
}

export const uiBenchApi = { setStrings, pageRender, iconPaint };

export type UiBenchApi = typeof uiBenchApi;

(globalThis as unknown as { uiBench: UiBenchApi }).uiBench = uiBenchApi;
