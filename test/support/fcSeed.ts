/**
 * fast-check's seed for property tests: fixed by default so CI is deterministic; `FC_SEED=random` lets
 * fast-check pick one (it prints it on failure), `FC_SEED=<n>` replays one.
 */
export function fcSeed(): { seed?: number } {
  const given = process.env.FC_SEED;
  if (given === 'random') return {};
  return { seed: given === undefined ? 20_261_122 : Number(given) };
}
