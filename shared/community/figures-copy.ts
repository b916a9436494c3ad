import type { CommunityFigures } from '../admin/console-api';
import { normaliseForMatch } from '../jobs/duplicates';

/**
 * The pooled figures a device keeps between visits, so job details and
 * Insights can show the last ones fetched while offline. Each figure keeps the
 * time it was fetched; a fetch that leaves a company or site out (its group
 * is now too small) removes it, so a hidden figure never lingers here.
 */

export type CompanyFigure = CommunityFigures['companies'][number] & { fetchedAt: string };
export type SiteFigure = CommunityFigures['sites'][number] & { fetchedAt: string };

export interface FiguresCopy {
  /** By normalised company name (normaliseForMatch), as the server matches them. */
  companies: Record<string, CompanyFigure>;
  sites: Record<string, SiteFigure>;
}

export interface FiguresRequest {
  companies: readonly string[];
  sites: readonly string[];
}

export interface FiguresAnswer {
  companies: CompanyFigure[];
  sites: SiteFigure[];
}

/** Companies kept at most; the oldest fetched go first. */
export const MAX_KEPT_COMPANIES = 500;

export const emptyFiguresCopy = (): FiguresCopy => ({ companies: {}, sites: {} });

/**
 * The request as sent: blank and repeated names dropped, in the order asked.
 * The route takes a comma-separated list, so commas in a name become spaces
 * (the server folds punctuation and spaces alike when it matches names).
 */
export function normaliseRequest(request: FiguresRequest): FiguresRequest {
  const companies = new Map<string, string>();
  for (const company of request.companies) {
    const key = normaliseForMatch(company);
    if (key && !companies.has(key)) companies.set(key, company.replace(/,/g, ' ').replace(/\s+/g, ' ').trim());
  }
  return { companies: [...companies.values()], sites: [...new Set(request.sites)] };
}

/** `copy` with what the server answered to `request` at `fetchedAt`. */
export function withFetched(copy: FiguresCopy, request: FiguresRequest, answer: CommunityFigures, fetchedAt: string): FiguresCopy {
  const companies = { ...copy.companies };
  const sites = { ...copy.sites };
  for (const asked of request.companies) delete companies[normaliseForMatch(asked)];
  for (const asked of request.sites) delete sites[asked];
  for (const figure of answer.companies) companies[normaliseForMatch(figure.company)] = { ...figure, fetchedAt };
  for (const figure of answer.sites) sites[figure.site] = { ...figure, fetchedAt };
  const kept = Object.entries(companies).sort(([, a], [, b]) => b.fetchedAt.localeCompare(a.fetchedAt)).slice(0, MAX_KEPT_COMPANIES);
  return { companies: Object.fromEntries(kept), sites };
}

/** What `copy` holds for `request`. */
export function figuresFor(copy: FiguresCopy, request: FiguresRequest): FiguresAnswer {
  return {
    companies: request.companies.flatMap((company) => copy.companies[normaliseForMatch(company)] ?? []),
    sites: request.sites.flatMap((site) => copy.sites[site] ?? []),
  };
}
