import type { Job } from '../../shared/schema';
import { formatDate, label } from '../ui/format';

export function JobTable({ jobs }: { jobs: Job[] }) {
  return (
    <table className="jobs">
      <caption className="visually-hidden">Your applications, most recently changed first</caption>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">Company</th>
          <th scope="col">Location</th>
          <th scope="col">Platform</th>
          <th scope="col">Status</th>
          <th scope="col">Applied</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id} data-job-id={job.id}>
            <td>
              <a href={job.url} target="_blank" rel="noopener noreferrer" className="job-title">
                {job.title}
              </a>
            </td>
            <td>{job.company || '—'}</td>
            <td>{job.location || '—'}</td>
            <td>{label(job.platform)}</td>
            <td>
              <span className="status-pill">{label(job.status)}</span>
            </td>
            <td>
              <time dateTime={job.appliedAt}>{formatDate(job.appliedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
