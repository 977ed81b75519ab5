// ABI conformance check of a built guest core module against one world of our WIT, done by an
// outside implementation of the component model: jco's bindings to wit-component.
//
//   node check-guest.mjs <guest.wasm> <rapidbyte-connector.wit> <world>
//
// componentEmbed attaches the world's type information to the core module, then componentNew
// lifts it into a component. componentNew fails when an import or export does not have exactly
// the name and core signature the canonical ABI gives the world (a missing export, a wrong
// parameter or result type, a wrong cabi_post_*/cabi_realloc signature, an import the world does
// not declare). Exports the world does not mention (TeaVM's runtime exports) are ignored by
// wit-component, so they do not get in the way. WASI preview1 imports are satisfied with jco's
// bundled adapter (command adapter when the module exports _start, as TeaVM's WASI target does).
// On top of that, a rapidbyte-manifest custom section, if present, must name the world's role.
//
// Exit status: 0 conforms, 1 does not conform, 2 usage or I/O error (so a broken invocation can
// never pass for a failed check, nor the other way round).

import {
  componentEmbed,
  componentNew,
  preview1AdapterCommandPath,
  preview1AdapterReactorPath,
} from '@bytecodealliance/jco';
import { readFileSync, writeFileSync } from 'node:fs';

const ROLE_OF_WORLD = {
  'rapidbyte-source': 'source',
  'rapidbyte-destination': 'destination',
  'rapidbyte-transform': 'transform',
};

function usage(message) {
  console.error(`check-guest: ${message}`);
  console.error('usage: node check-guest.mjs <guest.wasm> <wit file> <world> [out.component.wasm]');
  process.exit(2);
}

function readOrExit(path, encoding) {
  try {
    return readFileSync(path, encoding);
  } catch (e) {
    usage(`cannot read ${path}: ${e.message}`);
  }
}

function fail(wasmPath, world, reason) {
  console.error(`FAIL ${wasmPath} does not conform to ${world}:\n${reason}`);
  process.exit(1);
}

const [wasmPath, witPath, world, outPath] = process.argv.slice(2);
if (!wasmPath || !witPath || !world) {
  usage('missing arguments');
}
if (!(world in ROLE_OF_WORLD)) {
  usage(`unknown world ${world}; expected one of ${Object.keys(ROLE_OF_WORLD).join(', ')}`);
}
const binary = new Uint8Array(readOrExit(wasmPath));
const witSource = readOrExit(witPath, 'utf8');

let module;
try {
  module = new WebAssembly.Module(binary);
} catch (e) {
  fail(wasmPath, world, `not a valid core module: ${e.message}`);
}

const manifests = WebAssembly.Module.customSections(module, 'rapidbyte-manifest');
if (manifests.length > 1) {
  fail(wasmPath, world, 'more than one rapidbyte-manifest section');
}
if (manifests.length === 1) {
  let role;
  try {
    role = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifests[0])).role;
  } catch (e) {
    fail(wasmPath, world, `rapidbyte-manifest is not UTF-8 JSON: ${e.message}`);
  }
  if (role !== ROLE_OF_WORLD[world]) {
    fail(wasmPath, world, `manifest role "${role}" does not match world ${world}`);
  }
}

const imports = WebAssembly.Module.imports(module);
const exports = WebAssembly.Module.exports(module);
const usesWasi = imports.some((i) => i.module === 'wasi_snapshot_preview1');
const isCommand = exports.some((e) => e.name === '_start');
const adapters = usesWasi
  ? [['wasi_snapshot_preview1',
      new Uint8Array(readOrExit(isCommand ? preview1AdapterCommandPath() : preview1AdapterReactorPath()))]]
  : [];

let component;
try {
  const embedded = await componentEmbed({ binary, witSource, world });
  component = await componentNew(embedded, adapters);
} catch (e) {
  fail(wasmPath, world, String(e));
}
if (outPath) {
  writeFileSync(outPath, component);
}
console.log(`OK ${wasmPath} conforms to ${world}: ${imports.length} imports, ${exports.length} exports`
  + (usesWasi ? `, WASI via jco's ${isCommand ? 'command' : 'reactor'} adapter` : '')
  + `, component of ${component.length} bytes`);
