#!/usr/bin/env node
// The `flinkcoin` command: loads TypeScript through tsx, then the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/main.ts');
