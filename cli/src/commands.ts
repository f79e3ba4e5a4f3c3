/** The CLI's commands: its own module, so the `bluebook` loader (bootstrap.ts) can name caches by them. */
export type Command = 'run' | 'validate' | 'mock' | 'import';

export const COMMANDS: readonly Command[] = ['run', 'validate', 'mock', 'import'];
