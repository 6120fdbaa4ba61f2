import { COUNTRIES, DEPARTMENTS, FIRST_NAMES, GUEST_DOMAINS, JOB_TITLES, LAST_NAMES, PLACES } from './catalog-names';
import { NAMED_PEOPLE } from './named-people';
import { Flag, Tenant, UserKind } from './tenant';
import { hash32 } from '../util/random';

/** Derives a user's directory strings from the compact columns; nothing here is stored per user. */
const LANGUAGE_BY_COUNTRY: Readonly<Record<string, string>> = {
  US: 'en-US',
  GB: 'en-GB',
  DE: 'de-DE',
  FR: 'fr-FR',
  NL: 'nl-NL',
  ES: 'es-ES',
  SE: 'sv-SE',
  CA: 'en-CA',
  BR: 'pt-BR',
  IN: 'en-IN',
  JP: 'ja-JP',
  AU: 'en-AU',
};

const word = (list: readonly string[], index: number | undefined): string => list[index ?? 0] ?? '';
const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const named = (i: number) => NAMED_PEOPLE[i];

export function givenName(t: Tenant, i: number): string | null {
  const p = named(i);
  if (p) return p.givenName;
  const kind = t.kind[i];
  return kind === UserKind.member || kind === UserKind.guest ? word(FIRST_NAMES, t.nameA[i]) : null;
}

export function surname(t: Tenant, i: number): string | null {
  const p = named(i);
  if (p) return p.surname;
  const kind = t.kind[i];
  return kind === UserKind.member || kind === UserKind.guest ? word(LAST_NAMES, t.nameB[i]) : null;
}

export function displayName(t: Tenant, i: number): string {
  const p = named(i);
  if (p) return `${p.givenName} ${p.surname}`;
  const n = t.suffix[i] ?? 0;
  switch (t.kind[i]) {
    case UserKind.room:
      return `Room ${word(PLACES, t.nameA[i])} ${n}`;
    case UserKind.shared:
      return `Shared ${word(DEPARTMENTS, t.nameA[i])} ${n}`;
    case UserKind.agent:
      return `Agent ${n}`;
    default:
      return `${word(FIRST_NAMES, t.nameA[i])} ${word(LAST_NAMES, t.nameB[i])}`;
  }
}

function guestDomain(t: Tenant, i: number): string {
  return word(GUEST_DOMAINS, hash32(t.identity.seed, i, 7) % GUEST_DOMAINS.length);
}

function personLocal(t: Tenant, i: number): string {
  const n = t.suffix[i] ?? 0;
  const base = `${word(FIRST_NAMES, t.nameA[i])}.${word(LAST_NAMES, t.nameB[i])}`.toLowerCase();
  return n > 0 ? `${base}${n}` : base;
}

/** Guests follow the `alias_domain#EXT#@tenant` form (docs/graph-behaviour.md §2.1). */
export function userPrincipalName(t: Tenant, i: number): string {
  const domain = t.identity.domain;
  const p = named(i);
  if (p) return `${p.upnLocal}@${domain}`;
  const n = t.suffix[i] ?? 0;
  switch (t.kind[i]) {
    case UserKind.guest:
      return `${personLocal(t, i)}_${guestDomain(t, i)}#EXT#@${domain}`;
    case UserKind.room:
      return `room-${slug(word(PLACES, t.nameA[i]))}-${n}@${domain}`;
    case UserKind.shared:
      return `shared-${slug(word(DEPARTMENTS, t.nameA[i]))}-${n}@${domain}`;
    case UserKind.agent:
      return `agent-${n}@${domain}`;
    default:
      return `${personLocal(t, i)}@${domain}`;
  }
}

/** mail is null for accounts that never had a mailbox (docs/graph-behaviour.md §2.1). */
export function mail(t: Tenant, i: number): string | null {
  if (t.kind[i] === UserKind.guest) return `${personLocal(t, i)}@${guestDomain(t, i)}`;
  return t.has(i, Flag.mailbox) ? userPrincipalName(t, i) : null;
}

export function jobTitle(t: Tenant, i: number): string | null {
  const p = named(i);
  if (p) return p.jobTitle;
  return t.kind[i] === UserKind.member ? word(JOB_TITLES, t.title[i]) : null;
}

export function department(t: Tenant, i: number): string | null {
  const p = named(i);
  if (p) return p.department;
  return t.kind[i] === UserKind.member ? word(DEPARTMENTS, t.department[i]) : null;
}

export function countryInfo(t: Tenant, i: number) {
  return COUNTRIES[t.country[i] ?? 0] ?? COUNTRIES[0];
}

export function country(t: Tenant, i: number): string | null {
  return t.kind[i] === UserKind.member ? (countryInfo(t, i)?.name ?? null) : null;
}

export function usageLocation(t: Tenant, i: number): string | null {
  return t.has(i, Flag.usageLocation) ? (countryInfo(t, i)?.code ?? null) : null;
}

export function officeLocation(t: Tenant, i: number): string | null {
  if (t.kind[i] !== UserKind.member) return null;
  return `${countryInfo(t, i)?.city ?? ''} ${1 + (hash32(t.identity.seed, i, 11) % 4)}`;
}

export function preferredLanguage(t: Tenant, i: number): string | null {
  if (t.kind[i] !== UserKind.member) return null;
  return LANGUAGE_BY_COUNTRY[countryInfo(t, i)?.code ?? 'US'] ?? 'en-US';
}

export function businessPhones(t: Tenant, i: number): string[] {
  if (t.kind[i] !== UserKind.member) return [];
  const h = hash32(t.identity.seed, i, 13);
  return h % 3 === 0 ? [] : [`+1 425 555 ${String(h % 10000).padStart(4, '0')}`];
}

export function mobilePhone(t: Tenant, i: number): string | null {
  const h = hash32(t.identity.seed, i, 17);
  return t.kind[i] === UserKind.member && h % 4 === 0 ? `+1 206 555 ${String(h % 10000).padStart(4, '0')}` : null;
}

export function userType(t: Tenant, i: number): 'Member' | 'Guest' {
  return t.kind[i] === UserKind.guest ? 'Guest' : 'Member';
}
