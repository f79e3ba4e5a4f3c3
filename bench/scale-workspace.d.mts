/** Types of ./scale-workspace.mjs, for the tests that reuse its generated suites. */
export function scaleSuite(suite: number, tests?: number): string;
export function generateScaleWorkspace(root: string, suites?: number, tests?: number): string[];
