import type { Job } from '../../shared/schema';
import type { Route } from './route';

/** What the shell hands every page. */
export interface PageProps {
  /** Every job, newest change first, kept live. */
  jobs: readonly Job[];
  navigate: (route: Route) => void;
}
