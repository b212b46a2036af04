import type { FastifyInstance } from 'fastify';
import { access } from '../auth/access.ts';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', { config: { access: access.public } }, async () => ({ status: 'ok' }));
}
