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
# check: the first byte chooses the format (0 TSV, 1 XLIFF, 2 TMX).
mkdir -p corpus/check
for file in "$fixtures"/check/*.tsv "$fixtures"/tm/*.tsv; do
  { printf '\0'; cat "$file"; } >"corpus/check/tsv-$(basename "$file")"
done
for file in "$fixtures"/check/*.xlf "$fixtures"/tm/*.xlf; do
  { printf '\1'; cat "$file"; } >"corpus/check/xliff-$(basename "$file")"
done
for file in "$fixtures"/tm/*.tmx; do
  { printf '\2'; cat "$file"; } >"corpus/check/tmx-$(basename "$file")"
done
