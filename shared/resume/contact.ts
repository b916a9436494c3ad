import type { ResumeContact } from './parsed-resume';

/**
 * Contact details from a resume's header (and its contact section): name,
 * email, phone (in E.164 when the country is clear), location and links.
 */
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE_RE = /(?:\+|00)?\(?\d[\d\s().\-/]{6,}\d/g;
const URL_RE = /\b(?:https?:\/\/)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|me|app|co|ai|info|xyz|page|site|tech|design|codes|link|blog|de|uk|fr|nl|ch|in|ca|au|eu|es|it|se|no|fi|dk|pl|pt|at|be|ie|us)(?:\/[^\s|,;·•)]*)?/gi;

const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC';

/** Country names and their calling codes, for locations such as "Manchester, United Kingdom". */
const COUNTRIES: readonly [RegExp, string][] = [
  [/\b(?:united states|usa|u\.s\.a\.|us)\b/i, '1'],
  [new RegExp(`,\\s*(?:${US_STATES})\\b(?:\\s+\\d{5})?`), '1'],
  [/\bcanada\b/i, '1'],
  [/\b(?:united kingdom|uk|england|scotland|wales|great britain)\b/i, '44'],
  [/\b(?:germany|deutschland)\b/i, '49'],
  [/\b(?:france)\b/i, '33'],
  [/\b(?:switzerland|schweiz|suisse)\b/i, '41'],
  [/\b(?:austria|österreich)\b/i, '43'],
  [/\b(?:netherlands|nederland)\b/i, '31'],
  [/\b(?:spain|españa)\b/i, '34'],
  [/\b(?:italy|italia)\b/i, '39'],
  [/\b(?:ireland)\b/i, '353'],
  [/\b(?:india)\b/i, '91'],
  [/\b(?:australia)\b/i, '61'],
  [/\b(?:ghana)\b/i, '233'],
  [/\b(?:nigeria)\b/i, '234'],
  [/\b(?:kenya)\b/i, '254'],
  [/\b(?:sweden)\b/i, '46'],
  [/\b(?:poland)\b/i, '48'],
  [/\b(?:brazil|brasil)\b/i, '55'],
  [/\b(?:singapore)\b/i, '65'],
];

const LOCATION_RE = new RegExp(
  `^[\\p{Lu}][\\p{L}.' -]+,\\s*(?:(?:${US_STATES})(?:\\s+\\d{5})?|[\\p{Lu}][\\p{L}.' -]+)$`,
  'u',
);

export function callingCodeFor(location: string | undefined): string | undefined {
  if (!location) return undefined;
  return COUNTRIES.find(([re]) => re.test(location))?.[1];
}

/**
 * A phone number in E.164 when the country is known (written with "+", or
 * given by the location, or a North American "(312) 555-0148" pattern);
 * otherwise as written.
 */
export function normalisePhone(raw: string, location?: string): string {
  const written = raw.trim();
  let digits = written.replace(/\(0\)/, '').replace(/\D/g, '');
  if (/^\+/.test(written) || /^00/.test(written)) {
    if (written.startsWith('00')) digits = digits.slice(2);
    return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : written;
  }
  const code = callingCodeFor(location) ?? (/^\(\d{3}\)\s?\d{3}[-. ]\d{4}$/.test(written) ? '1' : undefined);
  if (!code) return written;
  if (code === '1') {
    if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
    return digits.length === 10 ? `+1${digits}` : written;
  }
  // National numbers drop their trunk prefix 0 in international form.
  const national = digits.replace(/^0/, '');
  return national.length >= 6 && national.length + code.length <= 15 ? `+${code}${national}` : written;
}

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  // Year ranges ("2019 - 2021") and dates are not phone numbers.
  if (/^\s*(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\s*$/.test(candidate)) return false;
  if (/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(candidate.trim())) return false;
  return true;
}

export function findEmail(text: string): string | undefined {
  return EMAIL_RE.exec(text)?.[0];
}

export function findPhone(text: string): string | undefined {
  for (const m of text.matchAll(PHONE_RE)) if (isPhone(m[0])) return m[0].trim();
  return undefined;
}

export function findLinks(text: string): string[] {
  const links: string[] = [];
  const withoutEmails = text.replace(new RegExp(EMAIL_RE.source, 'g'), ' ');
  for (const m of withoutEmails.matchAll(URL_RE)) {
    const link = m[0].replace(/[.)]+$/, '');
    // Lower-case only: "B.Tech" or "M.Sc" are degrees, not domains.
    if (/[A-Z]/.test(link.replace(/\/.*$/, '').replace(/^https?:\/\//i, ''))) continue;
    if (!links.includes(link)) links.push(link);
  }
  return links;
}

// OCR reads a middle dot between contact details as a hyphen: " - " separates too.
const PIECE_SPLIT = /\s*(?:\||·|•|⋅|∙|●|◦|♦|\t|\s{3,}| \/ | – | — | - )\s*/;

/**
 * Contact details as OCR misreads them: "@" read as "©" or "®", spaces around
 * "@" and the dots of a domain, and in a labelled phone number ("Mob. No. :")
 * the letters O, l and I for the digits 0 and 1.
 */
export function repairOcrContact(line: string): string {
  return line
    .replace(/([A-Za-z0-9._%+-])\s?[©®]\s?([A-Za-z0-9-]+\s?\.\s?[A-Za-z]{2,})/g, '$1@$2')
    .replace(/([A-Za-z0-9._%+-]+)\s*@\s*([A-Za-z0-9-]+)\s?\.\s?([A-Za-z]{2,})\b/g, '$1@$2.$3')
    .replace(
      /\b((?:phone|mobile|mob|tel|telephone|ph|cell|contact)(?:\.?\s*no)?\.?\s*[:.-]?\s*)([+(]?[\dOolI][\dOolI\s().-]{6,}[\dOolI])/gi,
      (_m, label: string, num: string) => (/\d{4}/.test(num.replace(/\D/g, '')) ? label + num.replace(/[Oo]/g, '0').replace(/[lI]/g, '1') : label + num),
    );
}

/** A document's title line is not its owner's name. */
const DOCUMENT_TITLE = /^(?:curriculum vitae|resume|résumé|cv|bio[- ]?data)$/i;

function looksLikeName(line: string): boolean {
  const name = stripPostNominals(line);
  if (DOCUMENT_TITLE.test(name)) return false;
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  if (EMAIL_RE.test(name) || /\d/.test(name) || /[@/:]/.test(name)) return false;
  return words.every((w) => /^[\p{Lu}][\p{L}'’.-]*$/u.test(w) || /^(?:de|van|von|der|da|di|del|la|le|bin|al)$/.test(w));
}

/** Credentials people write after their name without a comma ("Aoife Brennan RN"). */
const BARE_POST_NOMINALS = /(?:\s+(?:RN|BSN|MSN|LPN|NP|APRN|CNA|MD|DO|PhD|Ph\.D\.|CPA|ACCA|CFA|PMP|MBA|PE|P\.Eng\.?|Esq\.?|FCA|ACA|CA))+$/;

/** Forms of address before a name. */
const PRE_NOMINALS = /^(?:Dr|Prof|Mr|Mrs|Ms|Miss|Mx|Er|Eng|Ing)\.?\s+(?=\p{Lu})/u;

/** "Priya Raghunathan, PMP", "Aoife Brennan RN" and "Dr. Jonas Bergström" → the name alone. */
function stripPostNominals(line: string): string {
  return line.replace(/,\s*(?:[A-Z][A-Za-z.]{1,6}(?:,\s*|\s+)?)+$/, '').replace(BARE_POST_NOMINALS, '').replace(PRE_NOMINALS, '').trim();
}

export function findLocation(pieces: readonly string[]): string | undefined {
  const candidates = pieces
    .map((p) => p.trim())
    .filter((p) => p.length <= 60 && !EMAIL_RE.test(p) && !/\d{4,}.*\d/.test(p.replace(/\s\d{5}$/, '')) && LOCATION_RE.test(p));
  // A known state or country beats any "Word, Word" (which may be a name with a title).
  return candidates.find((p) => callingCodeFor(p)) ?? candidates[0];
}

/** Contact details from the header lines and the contact section's lines. */
export function extractContact(header: readonly string[], contactSection: readonly string[], wholeText: string): ResumeContact {
  const lines = [...header, ...contactSection].map(repairOcrContact);
  const pieces = lines.flatMap((l) => l.split(PIECE_SPLIT)).filter(Boolean);
  const contact: ResumeContact = { links: [] };

  const nameLine = header.slice(0, 4).find(looksLikeName) ?? lines.find(looksLikeName);
  if (nameLine) contact.name = stripPostNominals(nameLine);

  const email = findEmail(lines.join('\n')) ?? findEmail(repairOcrContact(wholeText));
  if (email) contact.email = email;

  const location = findLocation(pieces.filter((p) => p !== nameLine));
  if (location) contact.location = location;

  // Digits in an email address are no phone number; the rest of its piece may hold one.
  const phoneText = pieces.map((p) => p.replace(new RegExp(EMAIL_RE.source, 'g'), '\n')).join('\n');
  const phone = findPhone(phoneText);
  if (phone) contact.phone = normalisePhone(phone, location);

  contact.links = findLinks(lines.join('\n'));
  return contact;
}
