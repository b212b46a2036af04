import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download browsers here) against the
 * real server serving the built client (`npm run test:e2e` runs `vite build` first).
 * Each run gets a fresh data directory, so documents from earlier runs cannot leak into tests.
 * The server runs in demo mode (the demo accounts the specs log in with) and in development
 * mode, so that the session cookie is not `Secure` over plain http://127.0.0.1.
 */
const port = Number(process.env.KIJKRUIMTE_E2E_PORT ?? 5178);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.resolve('.tmp', `e2e-data-${Date.now()}`);
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores: one worker keeps the server and two browser contexts from starving each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: isCI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    locale: 'nl-NL',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.KIJKRUIMTE_CHROMIUM ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
            // The room's players start by schedule, not by a click (the product shows a
            // "Klik om mee te kijken" button where a browser refuses); tests also play muted.
            '--autoplay-policy=no-user-gesture-required',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node --import tsx server/index.ts',
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      KIJKRUIMTE_DEMO: '1',
      KIJKRUIMTE_DATA_DIR: dataDir,
      KIJKRUIMTE_PUBLIC_URL: baseURL,
      KIJKRUIMTE_LOG_LEVEL: 'warn',
    },
    reuseExistingServer: !isCI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
