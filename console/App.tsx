import { useEffect } from 'react';
import { PAGE_PERMISSION, PAGE_TITLE, pagesFor, type ConsolePage } from '../shared/admin/console-pages';
import { AnalyticsPage } from './analytics/AnalyticsPage';
import { AuditPage } from './audit/AuditPage';
import { routeHash, type ConsoleRoute } from './route';
import { RulesPage } from './rules/RulesPage';
import { ServicesPage } from './services/ServicesPage';
import { SessionProvider, useSession, useSessionState } from './session';
import { SignIn } from './SignIn';
import { useRoute } from './use-route';
import { UserPage } from './users/UserPage';
import { UsersPage } from './users/UsersPage';


export function App() {
  const { session, endedMessage, start, end } = useSessionState();
  if (!session) return <SignIn onSignedIn={start} message={endedMessage} />;
  return (
    <SessionProvider session={session} onEnd={end}>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { session, signOut } = useSession();
  const route = useRoute();
  const pages = pagesFor(session.admin);
  const current: ConsolePage | null = route ? (route.page === 'user' ? 'users' : route.page) : null;

  useEffect(() => {
    // No page named (or an unknown one): the first this admin may open.
    if (!route && pages[0]) location.replace(routeHash({ page: pages[0] }));
  }, [route, pages]);

  return (
    <div className="console">
      {/* The hash holds the route, so the link moves focus itself instead of changing it. */}
      <a
        className="console-skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="console-header">
        <p className="console-brand">TrackRuit admin</p>
        <nav aria-label="Console">
          <ul className="dashboard-nav">
            {pages.map((page) => (
              <li key={page}>
                <a href={routeHash({ page })} aria-current={current === page ? 'page' : undefined}>
                  {PAGE_TITLE[page]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="console-who">
          <span>
            {session.admin.email} <span className="muted">({session.admin.role})</span>
          </span>
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="console-main" tabIndex={-1}>
        {route && current && pages.includes(current) ? <Page route={route} /> : route && current ? <NoAccess page={current} /> : null}
      </main>
    </div>
  );
}

function Page({ route }: { route: ConsoleRoute }) {
  switch (route.page) {
    case 'users':
      return <UsersPage />;
    case 'user':
      return <UserPage id={route.id} />;
    case 'audit':
      return <AuditPage />;
    case 'analytics':
      return <AnalyticsPage />;
    case 'rules':
      return <RulesPage />;
    case 'services':
      return <ServicesPage />;
  }
}

function NoAccess({ page }: { page: ConsolePage }) {
  const needed = PAGE_PERMISSION[page];
  return (
    <section>
      <h1>{PAGE_TITLE[page]}</h1>
      <p>{needed ? `This page needs the ${needed} permission. An owner can grant it.` : 'This page is for admins.'}</p>
    </section>
  );
}
