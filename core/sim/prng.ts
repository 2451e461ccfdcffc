/**
 * Random number generation for the Monte Carlo kernels.
 *
 * `seedrandom` (ARC4) is used only to turn the human-readable key (run seed, game id, chunk
 * index) into four 32-bit words; all draws come from sfc32, which is several times faster than
 * ARC4 and passes PractRand/BigCrush. Seeding per chunk (not per thread) is what makes results
 * independent of how chunks are spread over threads.
 */
import seedrandom from 'seedrandom';

/** Small Fast Counting PRNG (Chris Doty-Humphrey), 128-bit state, period ≥ 2^32. */
export class Sfc32 {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(a: number, b: number, c: number, d: number) {
    this.reseed(a, b, c, d);
  }

  /** Resets the state from four 32-bit words and discards 12 outputs to mix weak seeds. */
  reseed(a: number, b: number, c: number, d: number): void {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** Next uniform 32-bit unsigned integer in [0, 2^32). */
  nextU32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }
}

/**
 * The four seed words for one chunk. The key is JSON so that `("a|b", "c")` and `("a", "b|c")`
 * can never collide.
 *
 * @param runSeed  the run's seed string (R9 stamp)
 * @param gameId   the game's natural key
 * @param chunkIndex 0-based chunk number (iterations `[i·CHUNK, (i+1)·CHUNK)`)
 */
export function chunkSeedWords(
  runSeed: string,
  gameId: string,
  chunkIndex: number,
): [number, number, number, number] {
  const rng = seedrandom(JSON.stringify([runSeed, gameId, chunkIndex]));
  return [rng.int32(), rng.int32(), rng.int32(), rng.int32()];
}

/** A generator positioned at the start of the given chunk. */
export function chunkRng(runSeed: string, gameId: string, chunkIndex: number): Sfc32 {
  const [a, b, c, d] = chunkSeedWords(runSeed, gameId, chunkIndex);
  return new Sfc32(a, b, c, d);
}
