import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Whether `password` matches `hash`. Without a hash (no such user) it still runs one
   * verification, against a throwaway hash, so a login for an unknown email takes as long
   * as one with a wrong password and response times do not reveal who is registered.
   */
  verify(hash: string | undefined, password: string): Promise<boolean>;
  /** True for a hash made with weaker parameters than today's; rehash it at the next login. */
  needsRehash(hash: string): boolean;
}

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes), above OWASP's minimum. */
const OPTIONS = { type: argon2.argon2id } as const;

export async function createPasswordHasher(): Promise<PasswordHasher> {
  const throwaway = await argon2.hash(randomBytes(32).toString('hex'), OPTIONS);
  return {
    hash: (password) => argon2.hash(password, OPTIONS),
    async verify(hash, password) {
      const matches = await argon2.verify(hash ?? throwaway, password);
      return hash !== undefined && matches;
    },
    needsRehash: (hash) => argon2.needsRehash(hash),
  };
}
