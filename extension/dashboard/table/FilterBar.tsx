import type { JobQuery } from '../../../shared/jobs/query';
import { JOB_STATUSES, PLATFORMS } from '../../../shared/schema';
import { label } from '../../ui/format';

interface FilterBarProps {
  query: JobQuery;
  onChange: (update: (query: JobQuery) => JobQuery) => void;
  /** Tags in use, for the tag filter's choices. */
  tags: readonly string[];
  active: number;
  onClear: () => void;
}

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/** Toggle buttons for one list of choices; each says whether it is on (aria-pressed). */
function ChipGroup<T extends string>({ name, values, chosen, onToggle }: { name: string; values: readonly T[]; chosen: readonly T[]; onToggle: (value: T) => void }) {
  const id = `filter-${name.toLowerCase()}`;
  return (
    <div className="filter-group" role="group" aria-labelledby={id}>
      <span id={id} className="filter-label">
        {name}
      </span>
      {values.map((value) => (
        <button key={value} type="button" className="chip" aria-pressed={chosen.includes(value)} onClick={() => onToggle(value)}>
          {label(value)}
        </button>
      ))}
    </div>
  );
}

export function FilterBar({ query, onChange, tags, active, onClear }: FilterBarProps) {
  const untaken = tags.filter((tag) => !query.tags.some((chosen) => chosen.toLowerCase() === tag.toLowerCase()));
  return (
    <section className="filter-bar" aria-label="Filters">
      <ChipGroup name="Status" values={JOB_STATUSES} chosen={query.statuses} onToggle={(status) => onChange((q) => ({ ...q, statuses: toggled(q.statuses, status) }))} />
      <ChipGroup name="Site" values={PLATFORMS} chosen={query.platforms} onToggle={(platform) => onChange((q) => ({ ...q, platforms: toggled(q.platforms, platform) }))} />
      <div className="filter-row">
        <div className="filter-field">
          <label htmlFor="filter-location">Location</label>
          <input
            id="filter-location"
            type="search"
            value={query.location}
            placeholder="Any location"
            onChange={(event) => {
              const location = event.target.value;
              onChange((q) => ({ ...q, location }));
            }}
          />
        </div>
        <div className="filter-field">
          <label htmlFor="filter-from">Applied from</label>
          <input
            id="filter-from"
            type="date"
            value={query.appliedFrom}
            max={query.appliedTo || undefined}
            onChange={(event) => {
              const appliedFrom = event.target.value;
              onChange((q) => ({ ...q, appliedFrom }));
            }}
          />
        </div>
        <div className="filter-field">
          <label htmlFor="filter-to">Applied to</label>
          <input
            id="filter-to"
            type="date"
            value={query.appliedTo}
            min={query.appliedFrom || undefined}
            onChange={(event) => {
              const appliedTo = event.target.value;
              onChange((q) => ({ ...q, appliedTo }));
            }}
          />
        </div>
        <div className="filter-field">
          <label htmlFor="filter-tag">Tag</label>
          <select
            id="filter-tag"
            value=""
            disabled={untaken.length === 0}
            onChange={(event) => {
              const tag = event.target.value;
              if (tag) onChange((q) => ({ ...q, tags: [...q.tags, tag] }));
            }}
          >
            <option value="">{tags.length === 0 ? 'No tags yet' : 'Add a tag filter…'}</option>
            {untaken.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </div>
        {active > 0 && (
          <button type="button" className="clear-filters" onClick={onClear}>
            Clear filters
          </button>
        )}
      </div>
      {query.tags.length > 0 && (
        <ul className="chosen-tags" aria-label="Tags every job must have">
          {query.tags.map((tag) => (
            <li key={tag}>
              <span className="chip chip-static">{tag}</span>
              <button type="button" className="link" aria-label={`Remove tag filter ${tag}`} onClick={() => onChange((q) => ({ ...q, tags: q.tags.filter((t) => t !== tag) }))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
