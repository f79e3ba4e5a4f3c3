/** Reporter names, kept apart from the reporters themselves so argument parsing loads none of them. */
export const REPORTER_NAMES = ['pretty', 'dot', 'json', 'junit', 'tap', 'html'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];
