import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * The entry of a benchmark whose load runs in a worker thread started from the same file: in the
 * main thread, runs `main` and exits 1 on failure; in the worker, runs the clients on the job the main
 * thread gave it and posts their results back.
 */
export function benchEntry<Job, Results>(main: () => Promise<void>, clients: (job: Job) => Promise<Results>): void {
  if (!isMainThread) {
    clients(workerData as Job).then(
      (results) => parentPort?.postMessage(results),
      (error: unknown) => {
        throw error;
      },
    );
    return;
  }
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
