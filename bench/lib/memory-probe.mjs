// Preloaded (--import) into the CMS and the site by the bench: on SIGUSR2 the process writes one line to stderr
// with what its resident memory is made of (V8's heap, buffers outside it), so the bench can say what bounds it.
import v8 from 'node:v8';

process.on('SIGUSR2', () => {
  const usage = process.memoryUsage();
  const heap = v8.getHeapStatistics();
  const line = { ...usage, heapLimit: heap.heap_size_limit, mallocedMemory: heap.malloced_memory };
  process.stderr.write(`PLUMAGE_BENCH_MEMORY ${JSON.stringify(line)}\n`);
});
