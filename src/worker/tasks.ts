// Background tasks, queued from SQL with graphile_worker.add_job(...).
import type { TaskList } from "graphile-worker";

export const taskList: TaskList = {};
