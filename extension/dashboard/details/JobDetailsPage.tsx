import type { PageProps } from '../page-props';

// Scaffold: replaced by the real page in this same change.
export function JobDetailsPage(_props: PageProps & { jobId?: string }) {
  return <p className="empty">This page is being built.</p>;
}
