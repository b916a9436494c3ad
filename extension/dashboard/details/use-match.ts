import { useEffect, useMemo, useState } from 'react';
import type { MatchJob, MatchResult, MatchResume } from '../../../shared/match/match';
import { inputsKey, jobInputsKey } from '../../../shared/match/ml-freshness';
import { resumeInputsKey } from '../../../shared/match/resume-key';
import { mlWorker } from '../../ml/client';

export type MatchState =
  | { state: 'none' }
  | { state: 'working' }
  | { state: 'done'; result: MatchResult; key: string; jobKey: string }
  | { state: 'error'; message: string };

/** The match of `resume` against `job`, from the ML worker; computed again whenever either changes. */
export function useMatch(resume: MatchResume | undefined, job: MatchJob): MatchState {
  const jobKey = useMemo(() => jobInputsKey(job), [job]);
  const resumeKey = useMemo(() => (resume ? resumeInputsKey(resume) : undefined), [resume]);
  const [state, setState] = useState<MatchState>({ state: 'none' });
  useEffect(() => {
    if (!resume || resumeKey === undefined) {
      setState({ state: 'none' });
      return;
    }
    let cancelled = false;
    setState((previous) => (previous.state === 'done' ? previous : { state: 'working' }));
    mlWorker()
      .match(resume, job)
      .then(
        (result) => {
          if (!cancelled) setState({ state: 'done', result, key: inputsKey(resumeKey, jobKey), jobKey });
        },
        (error: unknown) => {
          if (!cancelled) setState({ state: 'error', message: error instanceof Error ? error.message : String(error) });
        },
      );
    return () => {
      cancelled = true;
    };
    // The keys stand for the inputs' content: a new object with the same text is the same match.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resumeKey, jobKey]);
  return state;
}
