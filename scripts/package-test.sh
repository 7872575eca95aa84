#!/bin/sh
# Unpacks the package built by `make deb` into a throwaway root (dpkg -x: no system change), checks
# the dependencies dpkg-deb recorded, then runs the packaged binary from there: --version and a
# piped flow, with its own data and config folders.
set -eu
deb=$(ls -t .build/deb/groundwork_*.deb | head -1)
root=$(mktemp -d "${TMPDIR:-/tmp}/gw-pkg-XXXXXX")
trap 'rm -rf "$root"' EXIT
dpkg-deb --info "$deb" | grep -q 'Depends: libedit2' || { echo "package-test: no libedit2 dependency" >&2; exit 1; }
dpkg -x "$deb" "$root"
gw="$root/usr/bin/groundwork"
for file in usr/share/man/man1/groundwork.1 usr/share/groundwork/dialogues usr/share/groundwork/prompts \
            usr/share/bash-completion/completions/groundwork usr/share/zsh/site-functions/_groundwork \
            usr/share/fish/vendor_completions.d/groundwork.fish; do
  [ -e "$root/$file" ] || { echo "package-test: not in the package: $file" >&2; exit 1; }
done
expected=$(dpkg-deb --field "$deb" Version)
[ "$("$gw" --version)" = "$expected" ] || { echo "package-test: --version is not $expected" >&2; exit 1; }
mkdir "$root/data" "$root/config"
# The bundled journal flow, found under the package's share/groundwork, saved in the data folder.
printf 'a long day but i got the thing done\n/done\n' \
  | XDG_CONFIG_HOME="$root/config" "$gw" start journal --data-dir "$root/data" --user pkg --seed 1 >"$root/out" \
  || { echo "package-test: the piped journal flow failed" >&2; exit 1; }
grep -q 'Next step' "$root/out" || { echo "package-test: the journal flow did not finish: $(tail -2 "$root/out")" >&2; exit 1; }
ls "$root/data/users/pkg/sessions/"*-journal-*.json >/dev/null || { echo "package-test: no saved session" >&2; exit 1; }
echo "package-test: ok ($deb, version $expected; a piped journal flow ran and was saved)"
