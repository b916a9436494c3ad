import { useState } from 'react';

/** Skills as chips: type and press Enter (or Add) to add one, × to remove one. */
export function SkillChips({ skills, onChange }: { skills: string[]; onChange: (skills: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const skill = draft.trim();
    if (!skill) return;
    if (!skills.some((kept) => kept.toLowerCase() === skill.toLowerCase())) onChange([...skills, skill]);
    setDraft('');
  };
  return (
    <div className="skill-chips">
      <ul className="chips" aria-label="Skills">
        {skills.map((skill, i) => (
          <li key={`${skill}-${i}`} className="chip">
            <span>{skill}</span>
            <button type="button" className="chip-remove" aria-label={`Remove skill ${skill}`} onClick={() => onChange(skills.filter((_, j) => j !== i))}>
              ×
            </button>
          </li>
        ))}
        {skills.length === 0 && <li className="muted">No skills yet.</li>}
      </ul>
      <div className="row">
        <label htmlFor="resume-skill-new" className="visually-hidden">
          New skill
        </label>
        <input
          id="resume-skill-new"
          className="chip-input"
          placeholder="Add a skill"
          value={draft}
          maxLength={100}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          Add skill
        </button>
      </div>
    </div>
  );
}
