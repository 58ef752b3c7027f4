import { createHash, randomBytes } from 'node:crypto'

/** A new random secret for a sign-in link, API token or session (256 bits, URL-safe). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** What is stored instead of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** A short random id for records (participants, documents, replies). */
export function newId(bytes = 9): string {
  return randomBytes(bytes).toString('base64url')
}
