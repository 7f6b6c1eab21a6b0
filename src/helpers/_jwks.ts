/**
 * A cached JSON Web Key Set that is fetched again when it grows old or a
 * token names a key it lacks, at most once per cooldown.
 *
 * @module
 */

import {
  createLocalJWKSet,
  errors,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSHeaderParameters,
} from "jose";

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

/** The key type jose verifies with. */
export type VerificationKey = Awaited<ReturnType<KeyResolver>>;

/** How long keys are kept and how often they may be fetched. */
export interface JwksCacheOptions {
  /** Keys older than this are fetched again before use. */
  maxAgeMs: number;
  /** The shortest time between two fetches. */
  cooldownMs: number;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

/** A key set behind a fetch function, shaped as a jose key getter. */
export class JwksCache {
  #load: () => Promise<JSONWebKeySet>;
  #maxAgeMs: number;
  #cooldownMs: number;
  #now: () => number;
  #resolver: KeyResolver | undefined;
  #loadedAt = -Infinity;
  #attemptedAt = -Infinity;
  #pending: Promise<void> | undefined;

  /**
   * Creates an empty cache; nothing is fetched until a key is needed.
   *
   * @param load Fetches the key set.
   * @param options The cache's age and cooldown.
   */
  constructor(load: () => Promise<JSONWebKeySet>, options: JwksCacheOptions) {
    this.#load = load;
    this.#maxAgeMs = options.maxAgeMs;
    this.#cooldownMs = options.cooldownMs;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Finds the key a token's header names, fetching the set when needed.
   *
   * @param header The token's protected header.
   * @param token The token, as jose passes it.
   * @returns The key.
   * @throws {errors.JWKSNoMatchingKey} When no key matches after any
   * allowed fetch.
   */
  getKey = async (
    header: JWSHeaderParameters,
    token: FlattenedJWSInput,
  ): Promise<VerificationKey> => {
    await this.#ensureFresh();
    try {
      return await this.#resolver!(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      // A key id we lack may be a rotation: join a fetch under way, or
      // start one, but only once per cooldown, so tokens with made-up key
      // ids cannot flood the API.
      if (this.#pending !== undefined) await this.#pending;
      else if (this.#cooledDown()) await this.#refresh();
      else throw error;
      return await this.#resolver!(header, token);
    }
  };

  async #ensureFresh(): Promise<void> {
    if (this.#resolver === undefined) return await this.#refresh();
    const stale = this.#now() - this.#loadedAt > this.#maxAgeMs;
    if (!stale || !this.#cooledDown()) return;
    try {
      await this.#refresh();
    } catch {
      // The old keys still verify tokens signed before a rotation; a new
      // key id triggers its own fetch, whose failure is reported.
    }
  }

  #cooledDown(): boolean {
    return this.#now() - this.#attemptedAt >= this.#cooldownMs;
  }

  #refresh(): Promise<void> {
    this.#pending ??= (async () => {
      this.#attemptedAt = this.#now();
      try {
        const jwks = await this.#load();
        this.#resolver = createLocalJWKSet(jwks);
        this.#loadedAt = this.#now();
      } finally {
        this.#pending = undefined;
      }
    })();
    return this.#pending;
  }
}
