#!/usr/bin/env bash
# A release rehearsal: build, publint + attw, pack every public package, install the tarballs
# into a scratch project (as a vendor would, from the registry for third-party dependencies),
# import each package from ESM and from CJS, and run the reception flow against the simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

pnpm exec turbo run build lint --output-logs=errors-only

work=$(mktemp -d -t onshikit-release-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tarballs" "$work/app"

packages=()
for dir in packages/*/; do
  name=$(node -p "require('./${dir}package.json').name")
  private=$(node -p "Boolean(require('./${dir}package.json').private)")
  [ "$private" = "true" ] && continue
  packages+=("$name")
  (cd "$dir" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done
echo "release:dry packed ${#packages[@]} packages"

# The scratch project depends on every tarball; overrides make the packages' dependencies on each
# other resolve to the tarballs too (their versions are not on the registry).
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
fs.writeFileSync(path.join(work, 'app/package.json'), JSON.stringify({ name: 'release-smoke', private: true, type: 'module', dependencies: deps, overrides: deps }, null, 2));
NODE
cp scripts/release-smoke/* "$work/app/"
(cd "$work/app" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
echo "release:dry installed the tarballs into a scratch project"

(cd "$work/app" && node imports.mjs "${packages[@]}" && node imports.cjs "${packages[@]}" && node reception-flow.mjs && node reception-flow.cjs)
echo "release:dry ok"
