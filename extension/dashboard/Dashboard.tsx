import { lazy, Suspense } from 'react';
import type { SyncState } from '../background/sync/sync-state';
import { STORAGE_KEYS } from '../background/storage';
import { SyncBadge, SyncDetails } from '../ui/SyncBadge';
import { SyncIssues } from '../ui/SyncIssues';
import { useStored } from '../ui/use-stored';
import { useMatchRefresh } from '../ml/use-match-refresh';
import { useDashboardJobs } from './data/use-dashboard-jobs';
import type { PageProps } from './page-props';
import { routeHash, type Route } from './route';
import { TablePage } from './table/TablePage';
import { useRoute } from './use-route';

// The table is the page people land on; the others (charts, drag and drop, forms)
// load when first opened, so their code does not delay the table's first paint.
const BoardPage = lazy(() => import('./board/BoardPage').then((module) => ({ default: module.BoardPage })));
const InsightsPage = lazy(() => import('./insights/InsightsPage').then((module) => ({ default: module.InsightsPage })));
const SettingsPage = lazy(() => import('./settings/SettingsPage').then((module) => ({ default: module.SettingsPage })));
const ResumesPage = lazy(() => import('./resumes/ResumesPage').then((module) => ({ default: module.ResumesPage })));
const ApplyNextPage = lazy(() => import('./recommend/ApplyNextPage').then((module) => ({ default: module.ApplyNextPage })));
const JobDetailsPage = lazy(() => import('./details/JobDetailsPage').then((module) => ({ default: module.JobDetailsPage })));

const NAV: { route: Route; label: string }[] = [
  { route: { page: 'table' }, label: 'Applications' },
  { route: { page: 'board' }, label: 'Board' },
  { route: { page: 'apply-next' }, label: 'Apply next' },
  { route: { page: 'insights' }, label: 'Insights' },
  { route: { page: 'resumes' }, label: 'Resumes' },
  { route: { page: 'settings' }, label: 'Settings' },
];

function Loading() {
  return (
    <p className="empty" role="status">
      Loading your applications…
    </p>
  );
}

/** Every page but the table needs every job: until all are loaded it shows the loading state. */
function Page({ route, complete, ...props }: PageProps & { route: Route; complete: boolean }) {
  if (route.page === 'table') return <TablePage {...props} complete={complete} />;
  // The resumes themselves load apart from the jobs; the jobs loaded so far fill the job chooser.
  if (route.page === 'resumes') return <ResumesPage jobs={props.jobs} />;
  if (!complete) return <Loading />;
  switch (route.page) {
    case 'board':
      return <BoardPage {...props} />;
    case 'insights':
      return <InsightsPage jobs={props.jobs} />;
    case 'apply-next':
      return <ApplyNextPage jobs={props.jobs} />;
    case 'settings':
      return <SettingsPage {...props} />;
    case 'new':
      return <JobDetailsPage {...props} />;
    case 'job':
      return <JobDetailsPage {...props} jobId={route.id} />;
  }
}

/** Its own component: a sync state change (several a minute while syncing) redraws these lines, not the page below. */
function HeaderSync() {
  const syncState = useStored<SyncState>(STORAGE_KEYS.syncState);
  return (
    <div className="dashboard-sync">
      <SyncBadge state={syncState} />
      <SyncDetails state={syncState} />
    </div>
  );
}

export function Dashboard() {
  const live = useDashboardJobs();
  const [route, navigate] = useRoute();
  useMatchRefresh(live.state === 'ready' ? live.jobs : undefined, live.state === 'ready' && live.complete);

  return (
    <div className="dashboard-shell">
      <header className="dashboard-header">
        <div className="row">
          <h1>TrackRuit</h1>
          {live.state === 'ready' && (
            <span className="muted">
              {live.complete
                ? `${live.jobs.length.toLocaleString()} ${live.jobs.length === 1 ? 'application' : 'applications'}`
                : 'Loading all applications…'}
            </span>
          )}
        </div>
        <nav aria-label="Dashboard pages" className="dashboard-nav">
          {NAV.map((item) => (
            <a key={item.route.page} href={routeHash(item.route)} aria-current={item.route.page === route.page ? 'page' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
        <HeaderSync />
      </header>
      <main className="dashboard">
        <SyncIssues />
        {live.state === 'loading' && <Loading />}
        {live.state === 'error' && (
          <p className="error-text" role="alert">
            {live.message}
          </p>
        )}
        {live.state === 'ready' && (
          <Suspense fallback={<Loading />}>
            <Page route={route} jobs={live.jobs} navigate={navigate} complete={live.complete} />
          </Suspense>
        )}
      </main>
    </div>
  );
}
