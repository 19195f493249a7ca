export { createLinkGuards, type GuardVerdict, type LinkGuards } from "./link-guard.ts";
export {
  createNotifier,
  type LinkedNotice,
  type Notifier,
  type PendingNotice,
  type RelinkNeededNotice,
} from "./notifier.ts";
export { performJob, type PerformDeps } from "./perform-job.ts";
export {
  DEFAULT_WORKER_OPTIONS,
  startOutboxWorker,
  type OutboxWorker,
  type WorkerDeps,
  type WorkerOptions,
} from "./worker.ts";
