/**
 * One load in a fresh process (JIT-cold, as after a server restart):
 * `node --import tsx bench/doc-load-child.ts <dataDir> <docName> <fragment>` prints a LoadTiming as JSON.
 */
import { measureLoad } from './lib/doc-load-measure.ts';

const [dataDir, docName, fragment] = process.argv.slice(2);
if (!dataDir || !docName || !fragment) {
  console.error('usage: doc-load-child.ts <dataDir> <docName> <fragment>');
  process.exit(2);
}
const timing = await measureLoad(dataDir, docName, fragment);
console.log(JSON.stringify(timing));
