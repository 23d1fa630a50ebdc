#!/bin/sh
# deps.sh PKG... - install the Debian packages that are missing.
# Used by `make`: on Debian/Ubuntu it installs through apt-get (with sudo
# when not root); elsewhere it names the packages in one line and fails.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "gen: please install these packages (or your system's equivalents):$missing" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "gen: run as root or install sudo, then: apt-get install$missing" >&2
        exit 1
    fi
fi
echo "gen: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# the package lists may be missing or stale on a fresh machine
$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 || {
    $sudo apt-get update -q >/dev/null 2>&1
    $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null || {
        echo "gen: could not install:$missing" >&2
        exit 1
    }
}
