#!/usr/bin/env node
// Runs the compiled CLI (npm run build). Written in old JavaScript on purpose (var, function, no
// trailing commas): an unsupported Node must parse this file to print the one-line message below,
// instead of failing on newer syntax somewhere in dist/.
'use strict';
var path = require('path');
var fs = require('fs');

var minimumMajor = Number(/\d+/.exec(require('../package.json').engines.node)[0]);
if (Number(process.versions.node.split('.')[0]) < minimumMajor) {
  console.error('doflamingo: needs Node.js ' + minimumMajor + ' or newer (24 LTS recommended); this is Node.js v' + process.versions.node + '.');
  process.exit(2);
}

var entry = path.join(__dirname, '..', 'dist', 'sidecar', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  console.error('doflamingo: not built yet. Run `npm run build` first.');
  process.exit(2);
}

// A reader that stops early (`doflamingo catalog | head`) closes the pipe: that is the end of the
// output, not a failure of the command.
process.stdout.on('error', function (err) {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode || 0);
  throw err;
});

function finished(code) {
  process.exitCode = code;
}
function failed(err) {
  console.error('doflamingo:', err && err.message ? err.message : err);
  process.exitCode = 1;
}
require(entry).main(process.argv.slice(2)).then(finished, failed);
