/**
 * Whether the client agreed to be approached for an interview, looked up again whenever the page
 * becomes visible (the owner may change consent in another window).
 */
import { useEffect, useState } from 'react';
import { fetchInterviewConsent, type InterviewConsent } from '../../api/reflection.ts';
import { useResource, type Resource } from '../../api/useResource.ts';

export function useInterviewConsent(cycleId: string): [Resource<InterviewConsent>, () => void] {
  const [generation, setGeneration] = useState(0);
  const [consent, { reload }] = useResource(() => fetchInterviewConsent(cycleId), `interview-consent:${cycleId}:${generation}`);
  useEffect(() => {
    const again = (): void => {
      if (document.visibilityState === 'visible') setGeneration((g) => g + 1);
    };
    document.addEventListener('visibilitychange', again);
    return () => document.removeEventListener('visibilitychange', again);
  }, []);
  return [consent, reload];
}
