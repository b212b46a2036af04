/**
 * Cost of the write check per update (DOCACCESS-3, bench/README.md "write-check"): the P1 edit
 * (3 characters typed into one's own text of the evaluation, plus a map entry) and typing into a
 * 20,000-word report, each decoded and checked as the server does, next to what Yjs itself spends
 * applying the same update. Pure CPU in this process; no sockets, no disk.
 *
 *   npx tsx bench/write-check.ts
 */
import * as Y from 'yjs';
import { checkUpdate } from '../server/access/write-check.ts';
import type { BenchmarkResult, Check } from './lib/report.ts';
import { heading, table } from './lib/stats.ts';

interface Case {
  label: string;
  /** Builds the server's document and returns a function producing the next client update. */
  setup(server: Y.Doc): () => Uint8Array;
}

function clientOf(server: Y.Doc): { doc: Y.Doc; next: (edit: (d: Y.Doc) => void) => Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  let last: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (last = u));
  return {
    doc,
    next(edit) {
      edit(doc);
      return last!;
    },
  };
}

const cases: Case[] = [
  {
    label: 'P1 edit: 3 characters + a map entry (evaluation)',
    setup(server) {
      const c = clientOf(server);
      const texts = c.doc.getMap<unknown>('evaluation');
      const text = new Y.Text();
      Y.applyUpdate(server, c.next(() => texts.set('t-0', text)));
      let id = 0;
      return () => c.next((d) => d.transact(() => {
        text.insert(text.length, 'ab ');
        texts.set('0', id++);
      }));
    },
  },
  {
    label: 'typing in a 20,000-word report',
    setup(server) {
      const c = clientOf(server);
      const fragment = c.doc.getXmlFragment('report');
      const words = 'de cliënt zegt dat het gesprek goed ging en wij zien contact'.split(' ');
      Y.applyUpdate(server, c.next((d) => d.transact(() => {
        for (let p = 0; p < 500; p++) {
          const para = new Y.XmlElement('paragraph');
          para.insert(0, [new Y.XmlText(Array.from({ length: 40 }, (_, i) => words[(p + i) % words.length]).join(' '))]);
          fragment.insert(fragment.length, [para]);
        }
      })));
      let n = 0;
      return () => c.next(() => {
        const para = fragment.get((n * 7) % fragment.length) as Y.XmlElement;
        (para.get(0) as Y.XmlText).insert(n++ % 10, 'x');
      });
    },
  },
];

function measure(c: Case, iterations: number): { check: number; apply: number } {
  const server = new Y.Doc();
  const next = c.setup(server);
  const sender = { userId: 'bench', role: 'researcher' as const };
  let checkNs = 0n;
  let applyNs = 0n;
  for (let i = 0; i < iterations; i++) {
    const update = next();
    const t0 = process.hrtime.bigint();
    const verdict = checkUpdate(server, Y.decodeUpdate(update), 'cycle', sender, null);
    const t1 = process.hrtime.bigint();
    if (!verdict.ok) throw new Error(`refused: ${verdict.part} ${verdict.rule}`);
    Y.applyUpdate(server, update);
    const t2 = process.hrtime.bigint();
    if (i >= iterations / 10) {
      checkNs += t1 - t0;
      applyNs += t2 - t1;
    }
  }
  const counted = iterations - Math.ceil(iterations / 10);
  return { check: Number(checkNs) / counted / 1000, apply: Number(applyNs) / counted / 1000 };
}

export function writeCheckBenchmark(): Promise<BenchmarkResult> {
  console.log(heading('write-check: server CPU per update (µs), decode + check vs Yjs applying it'));
  const rows: string[][] = [];
  const checks: Check[] = [];
  for (const c of cases) {
    const r = measure(c, 20_000);
    rows.push([c.label, r.check.toFixed(1), r.apply.toFixed(1), `${((r.check / r.apply) * 100).toFixed(0)} %`]);
    checks.push({ id: 'P1', what: `write check per update: ${c.label}`, value: `${r.check.toFixed(1)} µs`, target: '≪ P1 CPU per edit', pass: r.check < 50 });
  }
  console.log(table(['update', 'check µs', 'Y.applyUpdate µs', 'check / apply'], rows));
  return Promise.resolve({ name: 'write-check', checks, notes: [] });
}

if (import.meta.url === `file://${process.argv[1]}`) void writeCheckBenchmark();
