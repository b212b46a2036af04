import { migrate } from '../../server/storage/migrations.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';
import { SqliteSql } from '../../server/storage/sqlite-sql.ts';
import { tempDir } from '../helpers/server.ts';
import { describeReposContract } from './repos.contract.ts';

describeReposContract('SQLite', {
  async create() {
    const dir = tempDir();
    const raw = openSqlite(dir);
    migrate(raw);
    const db = new SqliteSql(raw);
    return { db, reopen: async () => new SqliteSql(openSqlite(dir)), peer: async () => db };
  },
});
