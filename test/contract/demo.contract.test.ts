import { createDemoAdapter } from '../../src/adapters/demo/demo-adapter.js';
import { DEMO_SCENARIOS } from '../../src/adapters/demo/demo-scenarios.js';
import { runAdapterContract } from './adapter-contract.js';

for (const scenario of DEMO_SCENARIOS) {
  runAdapterContract(`demo (${scenario})`, async () => createDemoAdapter(scenario));
}
