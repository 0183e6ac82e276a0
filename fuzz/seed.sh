#!/usr/bin/env bash
# Seeds each target's corpus (fuzz/corpus/TARGET, not committed) with the
# project's own small fixtures.
set -euo pipefail
cd "$(dirname "$0")"
fixtures=../tests/fixtures
seed() {
  local target=$1
  shift
  mkdir -p "corpus/$target"
  cp "$@" "corpus/$target/"
}
texts=("$fixtures"/*.txt "$fixtures"/summary/*.txt "$fixtures"/translate/*.txt ../examples/*.txt)
seed split "${texts[@]}"
seed normalize "${texts[@]}"
seed matcher "${texts[@]}"
seed output "${texts[@]}"
seed glossary_yaml "$fixtures"/glossary/*.yaml "$fixtures"/translate/glossary.yaml
seed glossary_tsv "$fixtures"/glossary.tsv
seed glossary_tbx seeds/glossary.tbx
seed tmx "$fixtures"/tm/*.tmx
seed xliff "$fixtures"/tm/*.xlf
seed tsv "$fixtures"/tm/*.tsv "$fixtures"/glossary.tsv
