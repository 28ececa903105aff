import type { App } from 'firebase-admin/app';
import { getFunctions } from 'firebase-admin/functions';

/**
 * Hands work to a task-queue function (onTaskDispatched): Cloud Tasks in production, the Tasks emulator
 * locally (CLOUD_TASKS_EMULATOR_HOST, set by the emulators for functions). Delivery is at least once,
 * so the work behind a task must be idempotent (a lease, a deterministic id).
 */
export interface TaskQueue {
  enqueue(functionName: string, data: Record<string, unknown>): Promise<void>;
}

export function cloudTaskQueue(app: App): TaskQueue {
  return {
    async enqueue(functionName, data) {
      await getFunctions(app).taskQueue(functionName).enqueue(data);
    },
  };
}
