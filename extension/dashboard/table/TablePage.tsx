import type { PageProps } from '../page-props';
import { DuplicateNotices } from '../DuplicateNotices';
import { JobTable } from '../JobTable';

export function TablePage({ jobs }: PageProps) {
  return (
    <>
      <DuplicateNotices jobs={[...jobs]} />
      <JobTable jobs={[...jobs]} />
    </>
  );
}
