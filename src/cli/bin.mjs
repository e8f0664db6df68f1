#!/usr/bin/env node
// `brokerscope` on the PATH (npm link / npx brokerscope from a checkout): runs the TypeScript
// command line through tsx, which the checkout has as a dev dependency.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
run();
