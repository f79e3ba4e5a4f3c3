/** The CLI's commands: its own module, so the `bluebook` loader (bootstrap.ts) can name caches by them. */
export type Command = 'run' | 'validate' | 'mock' | 'import';

export const COMMANDS: readonly Command[] = ['run', 'validate', 'mock', 'import'];

/** The argument a `validate` worker thread is started with (validateParallel.ts; checked by main.ts). */
export const VALIDATE_WORKER_FLAG = '--bluebook-validate-worker';
