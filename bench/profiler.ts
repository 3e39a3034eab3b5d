import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotSpot {
  fn: string;
  selfMs: number;
  share: number;
}

/**
 * Records Chromium's CPU profile (CDP `Profiler`) around `work`, writes it where DevTools can open it, and
 * answers the functions with the most self time — what the report quotes when a target is missed.
 */
export async function profile<T>(page: Page, file: string, work: () => Promise<T>): Promise<{ result: T; hot: HotSpot[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile: data } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach();
  writeFileSync(file, JSON.stringify(data));
  return { result, hot: hotSpots(data) };
}

function hotSpots(data: CpuProfile): HotSpot[] {
  const byNode = new Map(data.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = data.samples ?? [];
  const deltas = data.timeDeltas ?? [];
  let total = 0;
  samples.forEach((nodeId, i) => {
    const frame = byNode.get(nodeId)?.callFrame;
    const ms = (deltas[i] ?? 0) / 1000;
    total += ms;
    if (!frame) return;
    const file = frame.url.split('/').pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  return [...self]
    .map(([fn, selfMs]) => ({ fn, selfMs: Math.round(selfMs), share: Math.round((selfMs / total) * 1000) / 10 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, 15);
}
