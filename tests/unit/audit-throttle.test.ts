import { describe, expect, it } from 'vitest';
import { AuditThrottle } from '../../server/storage/audit.ts';

describe('audit throttle (document openings, playback starts)', () => {
  it('records a key once per window, and again after it', () => {
    const t = new AuditThrottle(60_000);
    expect(t.shouldRecord('u1:cycle:a', 0)).toBe(true);
    expect(t.shouldRecord('u1:cycle:a', 59_999)).toBe(false);
    expect(t.shouldRecord('u2:cycle:a', 59_999)).toBe(true);
    expect(t.shouldRecord('u1:cycle:a', 60_000)).toBe(true);
  });
});
