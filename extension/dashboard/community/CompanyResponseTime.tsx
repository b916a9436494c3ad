import { formatDays, plural } from '../insights/format';
import { fetchedOn, useCommunityFigures } from './use-community-figures';

/**
 * On a job's page: how fast the company answered the server's other users,
 * when the group is large enough for the server to say (it leaves smaller
 * ones out). Offline, the last figure fetched, with its date.
 */
export function CompanyResponseTime({ company }: { company: string }) {
  const answer = useCommunityFigures(company.trim() ? [company] : [], []);
  const figure = answer?.companies[0];
  if (!answer || !figure) return null;
  return (
    <section className="details-section" aria-labelledby="community-company-heading">
      <h3 id="community-company-heading">Others tracking this company</h3>
      <p data-testid="community-company">
        People tracking {figure.company} heard back in a median of {formatDays(figure.medianResponseDays)} ({plural(figure.users, 'person', 'people')}).
      </p>
      {answer.offline && <p className="muted">Offline: figures from {fetchedOn(figure.fetchedAt)}.</p>}
    </section>
  );
}
