import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { demoAccounts } from '../../server/auth/demo.ts';
import { canPlay } from '../../shared/domain/consent.ts';
import { tempDir, testAppConfig } from '../helpers/server.ts';

describe('MEDIA-5 the demo workspace has a playable recording', () => {
  it('imports the committed demo recording, encrypted, with consent for own use, researchers and a client interview', async () => {
    const started = performance.now();
    const app = await buildApp({ config: await testAppConfig({ dataDir: tempDir(), demo: true }) });
    const seconds = (performance.now() - started) / 1000;
    try {
      const owner = (await app.repos.users.findByEmail(demoAccounts[0].email))!;
      const cycle = (await app.repos.cycles.listForUser(owner.id))[0]!;
      const [recording] = await app.repos.media.recordingsOf(cycle.id);
      expect(recording?.label).toBe('video 1');
      const [file] = await app.repos.media.mediaOf(recording!.id, 'video');
      expect(file).toMatchObject({ status: 'ready', container: 'mp4', faststart: 1 });
      expect(file!.duration_ms).toBeGreaterThan(19_000);
      const state = await app.media.consentState(recording!);
      expect(state.decisions).toEqual({ own: true, researchers: true, colleagues: false, training: false, clientInterview: true });
      expect(canPlay('researcher', state).allowed).toBe(true);
      expect(canPlay('colleague', state)).toMatchObject({ allowed: false, message: 'De cliënt heeft geen toestemming gegeven voor gebruik in intervisie.' });
      console.log(`demo workspace seeded (accounts, cycle, recording) in ${seconds.toFixed(2)} s`);
    } finally {
      await app.close();
    }
  });
});
