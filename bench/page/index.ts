/**
 * The benchmark page's entry: everything the runner calls through `page.evaluate`, on `window.bench`.
 * Each benchmark lives in its own module; state that several share (engines, ids) lives in those modules.
 */
import { chunkedInitialSync, fetchOnly } from './baselineChunked';
import { dexieInitialSync } from './baselineDexie';
import { deviceRows, timeDelta } from './delta';
import { closeEngine, dropEngine } from './engineStack';
import { compareFetchXmlJoin, prepareFetchXmlJoin } from './fetchXmlJoin';
import { linkFirstSync } from './link';
import { engineInitialSync, engineRestart } from './initialSync';
import { compareWrites } from './offlineWrite';
import { pipelinedStoreSync } from './pipelinedStore';
import { probeChunkReads } from './probeChunkReads';
import { compareReads } from './reads';
import { dropSliceEngine, sliceDelta, sliceFirstSync, sliceValues } from './slices';
import { measureStatus, queueChanges } from './status';

export const benchApi = {
  engineInitialSync,
  engineRestart,
  dexieInitialSync,
  chunkedInitialSync,
  fetchOnly,
  compareReads,
  prepareFetchXmlJoin,
  compareFetchXmlJoin,
  timeDelta,
  deviceRows,
  queueChanges,
  measureStatus,
  compareWrites,
  probeChunkReads,
  pipelinedStoreSync,
  closeEngine,
  dropEngine,
  sliceFirstSync,
  sliceDelta,
  sliceValues,
  dropSliceEngine,
  linkFirstSync,
};

export type BenchApi = typeof benchApi;

(globalThis as unknown as { bench: BenchApi }).bench = benchApi;
