#!/bin/sh
# Regenerates modules/src/test/resources/virt/corpus/ (see SOURCES.md there). Run from the repository root, as root,
# on the build machine (never on a host); needs libvirtd running and, once:
#   apt-get install -y --no-install-recommends virtinst osinfo-db python3-nova
set -eu
T=$(mktemp -d /tmp/rmc-rebuild.XXXXXX)
sh modules/src/test/corpus/generate-virt-install.sh "$T/gen"
mkdir -p "$T/nova" && /usr/bin/python3 modules/src/test/corpus/generate-nova.py "$T/nova"
awk -F'\t' -v d="$T/gen" '{f=($2 ~ /--machine pc-q35-6.2/)?"libvirt":""; print d"/"$1"\tvirt-install (virt-manager project)\t"$2"\tvirtinst 1:4.1.0-2 (Debian 12), osinfo-db 0.20221130-2\tgenerated output\t"f}' \
  "$T/gen/commands.tsv" > "$T/manifest.tsv"
awk -F'\t' -v d="$T/nova" '{print d"/"$1"\tOpenStack Nova\t"$2"\tpython3-nova 2:26.2.2-1~deb12u5\tApache-2.0\t"}' \
  "$T/nova/commands.tsv" >> "$T/manifest.tsv"
OUT=modules/src/test/resources/virt/corpus
rm -f "$OUT"/rmc-*.xml
flock /tmp/ringmaster-lab.lock python3 modules/src/test/corpus/import-corpus.py "$T/manifest.tsv" "$OUT"
rm -rf "$T"
