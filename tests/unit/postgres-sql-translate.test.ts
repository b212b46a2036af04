import { describe, expect, it } from 'vitest';
import { bindParams, translateSql } from '../../server/storage/postgres-sql.ts';

describe('PGREPO-1 the repositories’ SQL is rewritten for PostgreSQL', () => {
  it('numbers ? placeholders in order', () => {
    expect(translateSql('SELECT * FROM t WHERE a = ? AND b > ? LIMIT ?')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b > $2 LIMIT $3',
      names: null,
      count: 3,
    });
  });

  it('gives one number per @name, the same name the same number', () => {
    const t = translateSql('UPDATE t SET a = @a, b = @b WHERE id = @id AND a <> @a');
    expect(t.text).toBe('UPDATE t SET a = $1, b = $2 WHERE id = $3 AND a <> $1');
    expect(bindParams(t, { id: 'x', b: 2, a: null }, '')).toEqual([null, 2, 'x']);
  });

  it('leaves string literals, quoted identifiers, comments and :: casts alone', () => {
    const sql = `SELECT 'what? @no' AS "x?", a::text, "we""ird?" -- why? @c\n FROM t /* ? */ WHERE b = ?`;
    expect(translateSql(sql).text).toBe(`SELECT 'what? @no' AS "x?", a::text, "we""ird?" -- why? @c\n FROM t /* ? */ WHERE b = $1`);
    expect(translateSql("SELECT 'it''s ?' , ?").text).toBe("SELECT 'it''s ?' , $1");
  });

  it('quotes camelCase aliases so PostgreSQL keeps their case, as SQLite does', () => {
    expect(translateSql('SELECT u.name AS actorName, a.id FROM audit_events a ORDER BY actorName').text).toBe(
      'SELECT u.name AS "actorName", a.id FROM audit_events a ORDER BY "actorName"',
    );
    // Keywords and snake_case names are untouched.
    expect(translateSql('SELECT CAST(x AS INTEGER) AS n, created_at FROM Users').text).toBe('SELECT CAST(x AS INTEGER) AS n, created_at FROM Users');
  });

  it('refuses mixed placeholders, missing names and wrong counts', () => {
    expect(() => translateSql('SELECT ? , @a')).toThrow(/mixed/);
    expect(() => translateSql('SELECT :a')).toThrow(/placeholders/);
    expect(() => bindParams(translateSql('SELECT @a, @b'), { a: 1 }, 'q')).toThrow(/@b/);
    expect(() => bindParams(translateSql('SELECT ?, ?'), [1], 'q')).toThrow(/expected 2/);
  });

  it('binds Uint8Array as Buffer', () => {
    const [v] = bindParams(translateSql('SELECT ?'), [new Uint8Array([1, 2, 3])], 'q');
    expect(Buffer.isBuffer(v)).toBe(true);
    expect([...(v as Buffer)]).toEqual([1, 2, 3]);
  });
});
