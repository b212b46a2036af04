import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The client lives in `client/` and is built into `dist/client`, which the server serves
 * (index.html plus SPA fallback). In development Vite serves the client and forwards the API and
 * the collaboration sockets to a locally running server, so the browser still sees one origin
 * (the CSP allows `connect-src 'self'` only). No `changeOrigin`: the server's WebSocket origin
 * guard compares `Origin` with `Host`, and both must stay the dev server's.
 */
const backend = process.env.KIJKRUIMTE_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than our code: separate chunks stay cached across
        // releases (the server marks /assets/ as cacheable, everything else no-store).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'yjs', test: /node_modules[\\/](yjs|y-[^\\/]+|lib0)[\\/]/ },
            { name: 'tiptap', test: /node_modules[\\/](@tiptap|prosemirror-[^\\/]+|linkifyjs|orderedmap|rope-sequence|w3c-keyname)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: backend },
      '/collab': {
        target: backend,
        ws: true,
        // `client/collab/` is also served at /collab/ (as source modules), so only WebSocket
        // upgrades go to the server; plain HTTP requests (no `res` means upgrade) stay with Vite.
        bypass: (req, res) => (res ? req.url : undefined),
      },
    },
  },
});
