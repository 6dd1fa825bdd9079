#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm run build); falls back to ts-node-free error message.
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'dist', 'sidecar', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  console.error('doflamingo: not built yet. Run `npm run build` first.');
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error('doflamingo:', err && err.message ? err.message : err);
      process.exitCode = 1;
    },
  );
