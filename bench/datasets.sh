#!/usr/bin/env bash
# Installs what `./linr bench datasets ARGS` needs before it runs: Debian's Fashion-MNIST
# (dataset-fashion-mnist) when ARGS ask for that dataset from its default folder and it is missing.
set -euo pipefail
DIR=/usr/share/datasets/fashion-mnist
fashion=0
custom_dir=0
prev=""
for arg in "$@"; do
  if [ "$prev" = "--dataset" ] && [ "$arg" = "fashion-mnist" ]; then fashion=1; fi
  if [ "$prev" = "--fashion-dir" ]; then custom_dir=1; fi
  prev="$arg"
done
if [ "$fashion" = 1 ] && [ "$custom_dir" = 0 ] && [ ! -f "$DIR/train-images-idx3-ubyte.gz" ]; then
  echo "linr: installing dataset-fashion-mnist (apt)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq dataset-fashion-mnist >/dev/null
fi
