#!/usr/bin/env bash
# Builds the deployable Function App package and checks its layout.
#   scripts/package.sh [--output FILE] [--configuration Release|Debug]   build (default: artifacts/cxserverless-functions.zip) and check
#   scripts/package.sh --check FILE                                      check an existing package only
#
# The package is what Flex Consumption runs: host.json at the root, one folder per function with its function.json,
# and the custom handler published self-contained for linux-x64 into handler/ (the host starts
# customHandler.description.defaultExecutablePath from host.json, so it must keep its execute bit). It never holds
# local.settings*.json, development settings or development identities.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$ROOT/functions"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1;34m[package]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[package]\033[0m %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required: $2"; }

# zip and unzip come from Debian packages; install them when missing and we may (CI machines run as root).
ensure_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing $1"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null) || true
  fi
  need "$1" "install $1 (Debian: apt-get install $1)"
}

# The function folders of the app: direct children of functions/ that hold a function.json.
function_names() {
  local dir
  for dir in "$APP"/*/; do
    [ -f "$dir/function.json" ] && basename "$dir"
  done
  return 0
}

# The handler's path inside the package, from host.json (customHandler.description.defaultExecutablePath).
executable_path() {
  sed -n 's/.*"defaultExecutablePath"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$1" | head -n 1
}

check_package() {
  local zip="$1" problems=() entries executable name mode
  [ -f "$zip" ] || die "no package at $zip"
  ensure_tool unzip
  entries="$(unzip -Z1 "$zip")"
  grep -qx 'host.json' <<<"$entries" || problems+=("host.json is not at the package root")
  local host_json
  host_json="$(mktemp)"
  unzip -p "$zip" host.json >"$host_json" 2>/dev/null || true
  executable="$(executable_path "$host_json")"
  rm -f "$host_json"
  if [ -z "$executable" ]; then
    problems+=("host.json names no customHandler.description.defaultExecutablePath")
  elif ! grep -qx "$executable" <<<"$entries"; then
    problems+=("the handler executable $executable is missing")
  else
    # zipinfo prints Unix permissions first, e.g. -rwxr-xr-x; the owner execute bit is the fourth character.
    mode="$(unzip -Z "$zip" "$executable" | awk '{ print $1 }')"
    [ "${mode:3:1}" = "x" ] || problems+=("the handler executable $executable has no execute bit ($mode)")
    grep -qx "$(dirname "$executable")/libcoreclr.so" <<<"$entries" ||
      problems+=("the handler is not self-contained: $(dirname "$executable")/libcoreclr.so is missing")
  fi
  while IFS= read -r name; do
    [ -n "$name" ] || continue
    grep -qx "$name/function.json" <<<"$entries" || problems+=("function folder $name/ (with function.json) is missing")
  done < <(function_names)
  if grep -Eq '(^|/)local\.settings[^/]*\.json$' <<<"$entries"; then problems+=("it contains local.settings*.json"); fi
  if grep -Eq '(^|/)appsettings\.Development\.json$' <<<"$entries"; then problems+=("it contains appsettings.Development.json"); fi
  if unzip -Z1 "$zip" '*.json' 2>/dev/null | while IFS= read -r json; do unzip -p "$zip" "$json"; done | grep -q 'CxDevelopmentIdentities'; then
    problems+=("a JSON file in it sets CxDevelopmentIdentities (development identities must never be deployed)")
  fi
  if [ "${#problems[@]}" -gt 0 ]; then
    printf '\033[1;31m[package]\033[0m %s is not deployable:\n' "$zip" >&2
    printf '  - %s\n' "${problems[@]}" >&2
    return 1
  fi
  log "$zip: layout ok ($(wc -l <<<"$entries") entries, $(du -h "$zip" | cut -f1); functions: $(function_names | tr '\n' ' '))"
}

build_package() {
  local output="$1" configuration="$2" stage name
  need dotnet "install the .NET SDK pinned in global.json"
  ensure_tool zip
  stage="$(mktemp -d)"
  STAGE="$stage"
  trap 'rm -rf "$STAGE"' EXIT
  cp "$APP/host.json" "$stage/"
  # The alert rules the handler loads at start (CxRulesFile, default rules/cx-rules.v1.json).
  cp -R "$APP/rules" "$stage/rules"
  while IFS= read -r name; do
    [ -n "$name" ] || continue
    cp -R "$APP/$name" "$stage/$name"
  done < <(function_names)
  # ReadyToRun: precompiled code for linux-x64, so a cold instance answers sooner (./cx bench cold-start measures it).
  log "dotnet publish (self-contained linux-x64, ReadyToRun, $configuration) into handler/"
  # No build servers: they would outlive this script and keep its output pipes open.
  dotnet publish "$APP/CxServerless.Functions" -c "$configuration" -r linux-x64 --self-contained true -p:PublishReadyToRun=true \
    -o "$stage/handler" -p:DebugType=none -p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false --disable-build-servers \
    --nologo --verbosity quiet -clp:ErrorsOnly
  local executable
  executable="$(executable_path "$stage/host.json")"
  [ -f "$stage/$executable" ] || die "dotnet publish did not produce $executable (host.json defaultExecutablePath)"
  chmod 755 "$stage/$executable"
  find "$stage" \( -name 'local.settings*.json' -o -name 'appsettings.Development.json' \) -delete
  mkdir -p "$(dirname "$output")"
  rm -f "$output"
  (cd "$stage" && zip -q -r -X "$output" .)
  check_package "$output"
}

output="$ROOT/artifacts/cxserverless-functions.zip"
configuration="Release"
check_only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output="${2:?--output needs a file}"; shift ;;
    --configuration) configuration="${2:?--configuration needs Release or Debug}"; shift ;;
    --check) check_only="${2:?--check needs a package file}"; shift ;;
    -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1" ;;
  esac
  shift
done

if [ -n "$check_only" ]; then
  check_package "$(cd "$(dirname "$check_only")" && pwd)/$(basename "$check_only")"
else
  case "$output" in /*) ;; *) output="$PWD/$output" ;; esac
  build_package "$output" "$configuration"
fi
