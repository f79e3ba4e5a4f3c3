/**
 * The `openapi:` document of a run, loaded once: every suite of the run (and every run of the
 * editor's runner process) shares one loader. The parser and the contract code are loaded on the
 * first document, so a run without `openapi:` never reads them.
 */
import type { Contract } from './contract.js';

export class ContractLoader {
  private readonly loads = new Map<string, Promise<Contract>>();

  /** The contract of the document at `file` (absolute); rejects with what is wrong with it. */
  load(file: string): Promise<Contract> {
    let load = this.loads.get(file);
    if (!load) {
      load = import('./contract.js').then(({ loadContract }) => loadContract(file));
      this.loads.set(file, load);
    }
    return load;
  }
}

/** The run's contract, or why its document cannot be used (the suite then errors with it). */
export async function openContract(
  file: string | undefined,
  loader: ContractLoader | undefined,
): Promise<{ contract?: Contract; problem?: string }> {
  if (file === undefined) return {};
  try {
    return { contract: await (loader ?? new ContractLoader()).load(file) };
  } catch (error) {
    return {
      problem: `the OpenAPI document of bluebook.config.yaml (\`openapi:\`) cannot be used: ${(error as Error).message}`,
    };
  }
}
