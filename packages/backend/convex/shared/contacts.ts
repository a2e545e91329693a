/* What a widget visitor types to start a session: `public/contactSessions.ts` checks it, the apps check it first. */

export const CONTACT_NAME_MAX = 80;
/** Loose on purpose (something@domain.tld): it catches typos, it does not prove the address is theirs. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
