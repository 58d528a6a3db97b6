#!/usr/bin/env bash
# azd prepackage hook (azure.yaml): builds the package with ./cx package (layout checked) and unpacks it into
# artifacts/azd-package/, the folder the azd service "functions" deploys. unzip keeps the handler's execute bit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ZIP=artifacts/cxserverless-functions.zip
STAGE=artifacts/azd-package

[ -d node_modules/uplot ] || npm ci --no-audit --no-fund --loglevel=error
./cx package --output "$ZIP"
rm -rf "$STAGE"
mkdir -p "$STAGE"
unzip -q "$ZIP" -d "$STAGE"
echo "azd package folder: $STAGE"
