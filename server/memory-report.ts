import v8 from 'node:v8';

/** One process's memory, broken down: what `bench/memory.ts` prints side by side. Bytes. */
export interface MemoryReport {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  /** C++ objects bound to JS objects (Buffers, sqlite, native addons' allocations V8 knows of). */
  external: number;
  arrayBuffers: number;
  /** Compiled code and bytecode on the V8 heap: grows with the amount of JavaScript loaded. */
  code: { codeAndMetadata: number; bytecodeAndMetadata: number; externalScriptSource: number };
  /** Used bytes per V8 heap space (old, new, code, large objects, …). */
  spaces: Record<string, number>;
}

export function memoryReport(): MemoryReport {
  const m = process.memoryUsage();
  const c = v8.getHeapCodeStatistics();
  const spaces: Record<string, number> = {};
  for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name] = s.space_used_size;
  return {
    rss: m.rss,
    heapTotal: m.heapTotal,
    heapUsed: m.heapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    code: {
      codeAndMetadata: c.code_and_metadata_size,
      bytecodeAndMetadata: c.bytecode_and_metadata_size,
      externalScriptSource: c.external_script_source_size,
    },
    spaces,
  };
}

/**
 * `KIJKRUIMTE_MEMORY_REPORT=1` (or a delay in ms): once the server has been idle that long after
 * start-up (1 = 2 s), print one line `KIJKRUIMTE_MEMORY <json>`. A measurement aid for
 * `bench/memory.ts`; the timer never keeps the process alive.
 */
export function scheduleMemoryReport(setting: string | undefined): void {
  if (!setting || setting === '0') return;
  const delayMs = setting === '1' ? 2_000 : Number(setting);
  if (!Number.isFinite(delayMs) || delayMs < 0) return;
  setTimeout(() => console.log(`KIJKRUIMTE_MEMORY ${JSON.stringify(memoryReport())}`), delayMs).unref();
}
