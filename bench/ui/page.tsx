/**
 * The UI benchmark's page (its own bundle, so the engine page stays as it is): React 16, react-dom and Fluent 8
 * from node_modules in production mode, with the real status page and sync icon. Everything the runner calls is
 * on `window.uiBench`.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import type { SyncStatus } from '../../SyncEngine/contracts/SyncStatus';
import { SyncStatusIcon } from '../../components/icon/SyncStatusIcon';
import { OfflineStatusPageView } from '../../components/statusPage/OfflineStatusPageView';
import { makeText } from '../../components/statusPage/text';
import { benchStatus, benchStatusInit, fakeEngine, iconStatusCycle } from './fixtures';

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

/** Per-update cost of the icon and of a one-span component over the same status changes. */
export interface IconUpdates {
  statuses: number;
  updatesPerBatch: number;
  batches: number;
  /** Medians over batches of (batch time / updates), render + commit. */
  iconMs: number;
  baselineMs: number;
  iconP90Ms: number;
  baselineP90Ms: number;
  /** The states the icon showed (its `data-icon-state`), to confirm the cycle really changed state. */
  statesSeen: string[];
  /** React fibers and DOM elements each side renders (pending badge shown): the work an update walks. */
  iconFibers: number;
  baselineFibers: number;
  iconElements: number;
  baselineElements: number;
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

interface Fiber {
  child: Fiber | null;
  sibling: Fiber | null;
}

/** Fibers below a legacy root (React 16 internals, read only here to size the tree an update walks). */
function fiberCount(container: Element): number {
  const root = (container as unknown as { _reactRootContainer?: { _internalRoot?: { current: Fiber } } })._reactRootContainer?._internalRoot?.current;
  let count = 0;
  const visit = (fiber: Fiber | null): void => {
    for (let f = fiber; f !== null; f = f.sibling) {
      count++;
      visit(f.child);
    }
  };
  visit(root?.child ?? null);
  return count;
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

function p90(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))] ?? NaN;
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

/** The baseline: the least a React component can do for a status change. */
function PendingCount({ count }: { count: number }): React.ReactElement {
  return <span>{count}</span>;
}

/**
 * Re-renders the icon with each status of a cycle (every state, several pending counts each), the way the PCF host
 * does on each `updateView`: `ReactDOM.render` of the new props into the same root. The baseline component gets
 * the same updates; batches of the two alternate so drift hits both alike. Batches, because one update of the
 * baseline is below `performance.now()`'s resolution here.
 */
async function iconUpdates(batches: number, updatesPerBatch: number, tableCount: number, errorCount: number): Promise<IconUpdates> {
  const statuses = iconStatusCycle(benchStatusInit(tableCount, errorCount), 4);
  const engine = fakeEngine(statuses[0]);
  const iconRoot = document.createElement('div');
  const baselineRoot = document.createElement('div');
  document.body.append(iconRoot, baselineRoot);
  let step = 0;
  const statesSeen = new Set<string>();
  const renderIcon = (status: SyncStatus): void => {
    ReactDOM.render(<SyncStatusIcon engine={engine} status={status} t={t} locale={LOCALE} size="medium" />, iconRoot);
  };
  const renderBaseline = (status: SyncStatus): void => {
    ReactDOM.render(<PendingCount count={status.pendingCount} />, baselineRoot);
  };
  const batch = (render: (status: SyncStatus) => void, from: number): number => {
    const start = performance.now();
    for (let i = 0; i < updatesPerBatch; i++) render(statuses[(from + i) % statuses.length]);
    return (performance.now() - start) / updatesPerBatch;
  };
  // Warm-up: the first renders pay for JIT and for Fluent's style registration.
  for (let round = 0; round < 3; round++) {
    batch(renderIcon, 0);
    batch(renderBaseline, 0);
  }
  for (const status of statuses) {
    renderIcon(status);
    statesSeen.add(iconRoot.querySelector('button')?.getAttribute('data-icon-state') ?? '?');
  }
  // Sizes with a pending badge showing (the "pendingUpload" states).
  const sized = statuses.find((s) => s.iconState === 'pendingUpload') ?? statuses[0];
  renderIcon(sized);
  renderBaseline(sized);
  const sizes = {
    iconFibers: fiberCount(iconRoot),
    baselineFibers: fiberCount(baselineRoot),
    iconElements: iconRoot.getElementsByTagName('*').length,
    baselineElements: baselineRoot.getElementsByTagName('*').length,
  };
  const icon: number[] = [];
  const baseline: number[] = [];
  for (let b = 0; b < batches; b++) {
    await wait(0);
    if (b % 2 === 0) {
      icon.push(batch(renderIcon, step));
      baseline.push(batch(renderBaseline, step));
    } else {
      baseline.push(batch(renderBaseline, step));
      icon.push(batch(renderIcon, step));
    }
    step += updatesPerBatch;
  }
  ReactDOM.unmountComponentAtNode(iconRoot);
  ReactDOM.unmountComponentAtNode(baselineRoot);
  iconRoot.remove();
  baselineRoot.remove();
  return {
    statuses: statuses.length,
    updatesPerBatch,
    batches,
    iconMs: median(icon),
    baselineMs: median(baseline),
    iconP90Ms: p90(icon),
    baselineP90Ms: p90(baseline),
    statesSeen: [...statesSeen],
    ...sizes,
  };
}

function setStrings(table: Readonly<Record<string, string>>): number {
  strings = table;
  return Object.keys(table).length;
}

export const uiBenchApi = { setStrings, pageRender, iconUpdates };

export type UiBenchApi = typeof uiBenchApi;

(globalThis as unknown as { uiBench: UiBenchApi }).uiBench = uiBenchApi;
