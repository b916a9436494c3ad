/**
 * Action verbs a bullet can open with, as data: past-tense forms for past
 * roles, base forms for irregular verbs. Present-tense bullets of a current
 * role ("Lead", "Manages", "Building") are recognised by the forms below.
 * Across occupations, not only software: care, trades, teaching, sales.
 */
export const ACTION_VERBS_VERSION = 1;

export const ACTION_VERBS: readonly string[] = [
  'accelerated', 'accomplished', 'achieved', 'acquired', 'adapted', 'addressed', 'administered', 'advised', 'advocated',
  'analysed', 'analyzed', 'applied', 'appointed', 'approved', 'architected', 'arranged', 'assembled', 'assessed', 'assisted',
  'audited', 'authored', 'automated', 'balanced', 'boosted', 'briefed', 'budgeted', 'built', 'calculated', 'campaigned',
  'captured', 'cared', 'catalogued', 'chaired', 'championed', 'clarified', 'closed', 'coached', 'collaborated', 'collected',
  'commissioned', 'communicated', 'compiled', 'completed', 'composed', 'computed', 'conceived', 'conducted', 'configured',
  'consolidated', 'constructed', 'consulted', 'contracted', 'contributed', 'controlled', 'converted', 'coordinated',
  'counselled', 'counseled', 'created', 'cultivated', 'curated', 'cut', 'debugged', 'decreased', 'defined', 'delivered',
  'demonstrated', 'deployed', 'designed', 'detected', 'developed', 'devised', 'diagnosed', 'directed', 'discovered',
  'dispatched', 'documented', 'doubled', 'drafted', 'drove', 'earned', 'edited', 'educated', 'eliminated', 'enabled',
  'encouraged', 'engineered', 'enhanced', 'ensured', 'established', 'estimated', 'evaluated', 'examined', 'executed',
  'expanded', 'expedited', 'facilitated', 'fixed', 'forecast', 'forecasted', 'formulated', 'fostered', 'founded',
  'generated', 'grew', 'guided', 'halved', 'handled', 'headed', 'helped', 'hired', 'identified', 'implemented', 'improved',
  'increased', 'influenced', 'initiated', 'inspected', 'installed', 'instructed', 'integrated', 'interviewed', 'introduced',
  'invented', 'investigated', 'launched', 'lectured', 'led', 'lowered', 'maintained', 'managed', 'mapped', 'marketed',
  'maximised', 'maximized', 'measured', 'mediated', 'mentored', 'merged', 'migrated', 'minimised', 'minimized', 'modelled',
  'modeled', 'modernised', 'modernized', 'monitored', 'motivated', 'negotiated', 'nursed', 'onboarded', 'opened',
  'operated', 'optimised', 'optimized', 'orchestrated', 'organised', 'organized', 'originated', 'outperformed', 'overhauled',
  'oversaw', 'partnered', 'performed', 'piloted', 'pioneered', 'planned', 'prepared', 'presented', 'prevented',
  'prioritised', 'prioritized', 'processed', 'procured', 'produced', 'programmed', 'promoted', 'proposed', 'prototyped',
  'provided', 'published', 'purchased', 'raised', 'ran', 'rebuilt', 'recommended', 'reconciled', 'recorded', 'recruited',
  'redesigned', 'reduced', 'refactored', 'refined', 'regulated', 'rehabilitated', 'remodelled', 'reorganised',
  'reorganized', 'repaired', 'replaced', 'reported', 'represented', 'researched', 'resolved', 'restored', 'restructured',
  'revamped', 'reviewed', 'revised', 'saved', 'scaled', 'scheduled', 'secured', 'served', 'serviced', 'set', 'shaped',
  'shipped', 'simplified', 'sold', 'solved', 'sourced', 'spearheaded', 'specified', 'standardised', 'standardized',
  'streamlined', 'strengthened', 'structured', 'supervised', 'supported', 'surveyed', 'sustained', 'taught', 'tested',
  'tracked', 'trained', 'transformed', 'translated', 'treated', 'tripled', 'troubleshot', 'tutored', 'unified', 'upgraded',
  'validated', 'verified', 'volunteered', 'won', 'wrote',
  // Base forms of the irregular ones, for present-tense bullets.
  'build', 'cut', 'drive', 'grow', 'lead', 'oversee', 'run', 'sell', 'set', 'teach', 'troubleshoot', 'win', 'write',
];

const VERBS = new Set(ACTION_VERBS);

/** Past-tense candidates for a word written in another form: "manage(s)", "plan", "building", "supply". */
function pastForms(word: string): string[] {
  const stems = [word];
  if (word.endsWith('ing')) stems.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  else if (word.endsWith('ies')) stems.push(`${word.slice(0, -3)}y`);
  else if (word.endsWith('es')) stems.push(word.slice(0, -2), word.slice(0, -1));
  else if (word.endsWith('s')) stems.push(word.slice(0, -1));
  return stems.flatMap((s) => [s, `${s}d`, `${s}ed`, `${s}${s.at(-1) ?? ''}ed`, s.endsWith('y') ? `${s.slice(0, -1)}ied` : s]);
}

/** Whether a bullet opens with an action verb (after list markers and punctuation; a figure first is no verb). */
export function startsWithActionVerb(bullet: string): boolean {
  const first = /^[\s\p{P}\p{S}]*(\p{L}+)/u.exec(bullet)?.[1]?.toLowerCase();
  return first !== undefined && pastForms(first).some((form) => VERBS.has(form));
}
