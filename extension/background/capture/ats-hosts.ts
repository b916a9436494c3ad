import { shippedRules } from '../../../shared/rules/shipped';

/**
 * The applicant tracking systems' application pages TrackRuit may read once
 * the person allows it from Settings: optional host permissions, never asked
 * for at install (wxt.config.ts), and the only places the ATS content script
 * is registered for. Derived from the built-in rule set's `sites.ats` hosts, so
 * the two cannot drift; hosts a served set adds are never read: the permissions
 * are fixed when the extension is built.
 */
export const ATS_HOST_PATTERNS: readonly string[] = Object.values(shippedRules.sites.ats).flatMap(({ hosts, subdomains }) =>
  hosts.map((host) => (subdomains ? `https://*.${host}/*` : `https://${host}/*`)),
);
