// Helpers for e2e tests (test/e2e/suite/*.test.ts). Import from '../harness'.
export * from './wait';
export * from './workspace';
export * from './extension';
export * from './diagnostics';
export * from './env';
