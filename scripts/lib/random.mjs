// Deterministic randomness for the fixture and benchmark generators: the same seed and keys always give the same
// sequence, so regenerated fixtures are byte-identical.

/** FNV-1a, 32 bit. */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for synthetic data. Returns numbers in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random numbers keyed by what they describe: `const rng = keyedRng(SEED)`, then `rng('person', 12)` always gives the
 * same sequence for the same seed and keys, whatever else the generator draws before it.
 */
export function keyedRng(seed) {
  return (...keys) => {
    const next = mulberry32(hash32(`${seed}|${keys.join('|')}`));
    return {
      next,
      int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
      chance: (p) => next() < p,
      pick: (list) => list[Math.floor(next() * list.length)],
    };
  };
}
