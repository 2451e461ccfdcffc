#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx: no build step between a clone and a slate.
'use strict';
require('tsx/cjs');
const { main } = require('../cli/main.ts');
main(process.argv).then((code) => {
  // Exit explicitly (gRPC channels may hold the loop open), but only once stdout has drained.
  process.stdout.write('', () => process.exit(code));
});
