// Shows that check-guest.mjs is a real check: it accepts a hand-written module laid out exactly as
// ABI.md says (fixtures/source-guest.wat), and rejects every single-point mutation below, each
// for the reason expected (its message must name the offending item). Runs check-guest.mjs as a
// child process, the same way Maven runs it on the example connectors.
//
//   node selftest.mjs <rapidbyte-connector.wit> <scratch dir>
//
// Exit status: 0 when every expectation held, 1 otherwise.

import { parse } from '@bytecodealliance/jco';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies['@bytecodealliance/jco'];
const installed = JSON.parse(readFileSync(join(here, 'node_modules', '@bytecodealliance', 'jco', 'package.json'),
  'utf8')).version;
const [witPath, scratch] = process.argv.slice(2);
if (!witPath || !scratch) {
  console.error('usage: node selftest.mjs <wit file> <scratch dir>');
  process.exit(2);
}
mkdirSync(scratch, { recursive: true });
const base = readFileSync(join(here, 'fixtures', 'source-guest.wat'), 'utf8');
const SOURCE = 'rapidbyte:connector/source-connector@3.0.0';

// [name, text to replace (null: none), replacement, world, what the reason must say]
const MUTATIONS = [
  ['export run-read loses its ctx length parameter',
    `"${SOURCE}#run-read") (param i32 i32)`, `"${SOURCE}#run-read") (param i32)`, 'rapidbyte-source',
    'type mismatch for function `run-read`'],
  ['export close returns nothing instead of a return-area pointer',
    `"${SOURCE}#close") (result i32) (i32.const 8)`, `"${SOURCE}#close")`, 'rapidbyte-source',
    'type mismatch for function `close`'],
  ['export discover is missing',
    `(func (export "${SOURCE}#discover") (result i32) (i32.const 8))`, '', 'rapidbyte-source',
    'function `discover`'],
  ['cabi_post for open takes two parameters',
    `"cabi_post_${SOURCE}#open") (param i32)`, `"cabi_post_${SOURCE}#open") (param i32 i32)`, 'rapidbyte-source',
    'type mismatch for function `open post-return`'],
  ['cabi_realloc has three parameters',
    '"cabi_realloc") (param i32 i32 i32 i32)', '"cabi_realloc") (param i32 i32 i32)', 'rapidbyte-source',
    'type mismatch for function `cabi_realloc`'],
  ['import frame-new without its return area',
    '"frame-new" (func (param i64 i32))', '"frame-new" (func (param i64))', 'rapidbyte-source',
    'type mismatch for function `frame-new`'],
  ['import log with a return area it does not have',
    '"log" (func (param i32 i32 i32))', '"log" (func (param i32 i32 i32 i32))', 'rapidbyte-source',
    'type mismatch for function `log`'],
  ['import state-cas with the option flattened wrongly (one i32 short)',
    '"state-cas" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32))',
    '"state-cas" (func (param i32 i32 i32 i32 i32 i32 i32 i32))', 'rapidbyte-source',
    'type mismatch for function `state-cas`'],
  ['import durable-checkpoint without its return area',
    '"durable-checkpoint" (func (param i32))', '"durable-checkpoint" (func)', 'rapidbyte-source',
    'type mismatch for function `durable-checkpoint`'],
  ['import socket-start-tls with its tls-options record flattened one value short',
    '(func (param i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))',
    '(func (param i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))', 'rapidbyte-source',
    'type mismatch for function `socket-start-tls`'],
  ['import socket-start-tls with the socket as i32 instead of u64',
    '(func (param i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))',
    '(func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))', 'rapidbyte-source',
    'type mismatch for function `socket-start-tls`'],
  ['import of a host function the WIT does not have',
    '"log" (func (param i32 i32 i32)))',
    '"log" (func (param i32 i32 i32)))\n  (import "rapidbyte:connector/host@3.0.0" "frame-peek" (func (param i32)))',
    'rapidbyte-source', 'missing function `frame-peek`'],
  ['resource drop under a non-canonical name',
    '"[resource-drop]frame"', '"[drop]frame"', 'rapidbyte-source',
    'missing function `[drop]frame`'],
  ['a source module checked against the destination world', null, null, 'rapidbyte-destination',
    'manifest role "source" does not match'],
];

function check(wasmFile, world) {
  return spawnSync(process.execPath, [join(here, 'check-guest.mjs'), wasmFile, witPath, world], { encoding: 'utf8' });
}

// Files are numbered, not named after the mutation: the FAIL line repeats the path, and a path
// containing the expected fragment would let a wrong rejection pass.
async function build(index, wat) {
  const file = join(scratch, `module-${index}.wasm`);
  writeFileSync(file, await parse(wat));
  return file;
}

let failures = 0;
function expect(ok, message) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) {
    failures++;
  }
}

expect(installed === wanted, `jco ${installed} is installed, package.json pins ${wanted}`);

const good = check(await build(0, base), 'rapidbyte-source');
expect(good.status === 0, `the fixture conforms (exit ${good.status}) ${good.stdout.trim()}${good.stderr.trim()}`);

for (const [index, [name, from, to, world, fragment]] of MUTATIONS.entries()) {
  if (from !== null && !base.includes(from)) {
    expect(false, `${name}: pattern not found in the fixture`);
    continue;
  }
  const file = await build(index + 1, from === null ? base : base.replace(from, to));
  const r = check(file, world);
  const reason = r.stderr.split('\n').slice(1).join('\n');
  const lastLine = reason.trim().split('\n').pop().trim();
  expect(r.status === 1 && reason.includes(fragment), `${name}: exit ${r.status}; ${lastLine}`);
}

const missing = check(join(scratch, 'does-not-exist.wasm'), 'rapidbyte-source');
expect(missing.status === 2, `a missing file is a usage error (exit ${missing.status}), not a verdict`);

console.log(failures === 0 ? 'selftest passed' : `selftest: ${failures} expectation(s) failed`);
process.exit(failures === 0 ? 0 : 1);
