import type { SiteCount } from '../../../shared/insights';
import { label } from '../../ui/format';
import { formatPercent, plural } from '../insights/format';
import { fetchedOn, useCommunityFigures } from './use-community-figures';

/**
 * On Insights: the person's response rate on each site they applied through,
 * beside that of the server's other users on the same site, for the sites the
 * server has enough people on. Nothing at all when signed out or when no site
 * has a figure.
 */
export function SiteResponseRates({ bySite }: { bySite: readonly SiteCount[] }) {
  const answer = useCommunityFigures([], bySite.map((row) => row.platform));
  const rows = bySite.flatMap((row) => {
    const others = answer?.sites.find((site) => site.site === row.platform);
    return others ? [{ ...row, others }] : [];
  });
  if (!answer || rows.length === 0) return null;
  const oldest = rows.map((row) => row.others.fetchedAt).sort()[0]!;
  return (
    <section className="insights-card insights-card-wide" aria-labelledby="insights-community-title">
      <h3 id="insights-community-title">You and others on the same sites</h3>
      <p className="insights-summary">
        Share of applications that got an answer: yours, and that of other people on your server who use the same site.
        {answer.offline && ` Offline: others' figures from ${fetchedOn(oldest)}.`}
      </p>
      <table className="community-table">
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Your response rate</th>
            <th scope="col">Others&apos; response rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.platform} data-testid={`community-site-${row.platform}`}>
              <th scope="row">{label(row.platform)}</th>
              <td>
                {formatPercent(row.responseRate)} <span className="muted">of {plural(row.applications, 'application', 'applications')}</span>
              </td>
              <td>
                {formatPercent(row.others.responseRate)} <span className="muted">({plural(row.others.users, 'person', 'people')})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
